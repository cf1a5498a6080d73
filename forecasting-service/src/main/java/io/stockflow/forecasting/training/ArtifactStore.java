package io.stockflow.forecasting.training;

import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Model artifacts on disk: one gzip-compressed JSON-lines file per version, one line per series with everything
 * needed to answer from it without refitting (members, weights, forecast paths, backtest errors). The registry
 * keeps its path and SHA-256.
 */
public class ArtifactStore {

    private final Path directory;
    private final JsonMapper json;

    public ArtifactStore(Path directory, JsonMapper json) {
        this.directory = directory;
        this.json = json;
    }

    /** Where a version's file of the given name belongs (learned models' snapshots). */
    public Path file(long version, String name) {
        try {
            Files.createDirectories(directory);
            return directory.resolve("v" + version + "-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A written file as the registry records it: its path, SHA-256 and size. */
    public static ModelVersion.Artifact describe(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = sha256();
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return new ModelVersion.Artifact(file.toString(), HexFormat.of().formatHex(digest.digest()),
                    Files.size(file));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    public Writer open(long version) {
        try {
            Files.createDirectories(directory);
            return new Writer(directory.resolve("v" + version + ".jsonl.gz"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends lines from several threads; {@link #close()} seals the file and gives its checksum. */
    public final class Writer implements Closeable {

        private final Path path;
        private final MessageDigest digest;
        private final DigestOutputStream counted;
        private final OutputStream out;
        private ModelVersion.Artifact artifact;

        private Writer(Path path) throws IOException {
            this.path = path;
            this.digest = sha256();
            this.counted = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(path)), digest);
            this.out = new GZIPOutputStream(counted, 1 << 16);
        }

        public synchronized void write(Object line) {
            try {
                out.write(json.writeValueAsBytes(line));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public ModelVersion.Artifact artifact() {
            if (artifact == null) {
                throw new IllegalStateException("The artifact is sealed by close()");
            }
            return artifact;
        }

        @Override
        public synchronized void close() throws IOException {
            if (artifact != null) {
                return;
            }
            out.close();
            artifact = new ModelVersion.Artifact(path.toString(), HexFormat.of().formatHex(digest.digest()),
                    Files.size(path));
        }
    }
}
