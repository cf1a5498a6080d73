package io.stockflow.tools;

import io.stockflow.common.json.StockflowJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * The warnings and errors of a local run's logs, newest last: printed when a CI demo fails, so that its output says
 * why without the log files (which go with the CI machine).
 */
final class LogProblems {

    private LogProblems() {
    }

    /** Prints, for each log under {@code logDir} and the Kafka broker's, its count of problems and the last few. */
    static void print(Path workDir, int lastPerLog, PrintStream out) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.list(workDir.resolve("logs"))) {
            logs = files.filter(f -> f.toString().endsWith(".log")).sorted().toList();
        }
        out.println("\nWarnings and errors in the logs (the last " + lastPerLog + " of each):");
        for (Path log : Stream.concat(logs.stream(), Stream.of(workDir.resolve("kafka").resolve("broker.log")))
                .filter(Files::isReadable).toList()) {
            Deque<String> last = new ArrayDeque<>();
            long count = 0;
            try (Stream<String> lines = Files.lines(log)) {
                for (String line : (Iterable<String>) lines::iterator) {
                    String problem = problem(line);
                    if (problem != null) {
                        count++;
                        last.addLast(problem);
                        if (last.size() > lastPerLog) {
                            last.removeFirst();
                        }
                    }
                }
            }
            out.printf("  %s: %d%n", workDir.relativize(log), count);
            last.forEach(p -> out.println("    " + p));
        }
    }

    /** @return a one-line summary of a WARN or ERROR line (JSON of a service, or the broker's text), else null */
    static String problem(String line) {
        if (line.startsWith("{")) {
            try {
                JsonNode event = StockflowJson.mapper().readTree(line);
                String level = event.path("log").path("level").asString("");
                if (!level.equals("WARN") && !level.equals("ERROR")) {
                    return null;
                }
                JsonNode error = event.path("error");
                return abbreviate(event.path("@timestamp").asString("") + " " + level + " "
                        + event.path("log").path("logger").asString("") + ": " + event.path("message").asString("")
                        + (error.isMissingNode() ? "" : " — " + error.path("type").asString("") + ": "
                        + error.path("message").asString("")));
            } catch (JacksonException e) {
                return null;
            }
        }
        return line.contains(" WARN ") || line.contains(" ERROR ") ? abbreviate(line) : null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + " …";
    }
}
