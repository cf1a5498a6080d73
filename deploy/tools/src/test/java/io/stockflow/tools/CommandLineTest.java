package io.stockflow.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command lines of deploy/run-local.sh and deploy/benchmark-{ingestion,gateway,notification}.sh: help, the
 * options and defaults the scripts and docs name, usage errors. Nothing is started here.
 */
class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(Object command, String... args) {
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    /** The output with line breaks and indentation as single spaces: help text wraps at 80 columns. */
    private String out() {
        return out.toString().replaceAll("\\s+", " ");
    }

    private static Object command(String name) {
        return switch (name) {
            case "LocalPlatform" -> new LocalPlatform();
            case "IngestionBenchmark" -> new IngestionBenchmark();
            case "GatewayBenchmark" -> new GatewayBenchmark();
            case "NotificationBenchmark" -> new NotificationBenchmark();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"LocalPlatform", "IngestionBenchmark", "GatewayBenchmark", "NotificationBenchmark"})
    void helpExitsZeroAndAnUnknownOptionTwo(String name) {
        assertThat(execute(command(name), "--help")).isZero();
        assertThat(out()).startsWith("Usage: deploy/").contains("--help", "--version");
        assertThat(err.toString()).isEmpty();

        assertThat(execute(command(name), "--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void helpShowsTheOptionsAndDefaultsTheScriptsAndDocsName() {
        execute(new LocalPlatform(), "--help");
        assertThat(out()).contains("--exit-after-demo", "--no-demo", "--stores=N", "default: 8", "--skus=N",
                "default: 300", "--days=N", "default: 120");
        execute(new IngestionBenchmark(), "--help");
        assertThat(out()).contains("--rows=N", "default: 400000", "--uploads=N", "default: 2", "--rate=R",
                "default: 200", "--seconds=S", "default: 30");
        execute(new GatewayBenchmark(), "--help");
        assertThat(out()).contains("--rates=R1,R2", "default: 25,100", "--seconds=S", "default: 20",
                "--concurrency=C", "default: 16");
        execute(new NotificationBenchmark(), "--help");
        assertThat(out()).contains("--alerts=N", "default: 10000", "--rate=R", "default: 50", "--rules=K");
    }

    @Test
    void optionsParseAsTheScriptsPassThem() {
        LocalPlatform local = new LocalPlatform();
        new CommandLine(local).parseArgs("--exit-after-demo", "--stores", "3", "--skus", "60", "--days", "45");
        assertThat(local.exitAfterDemo).isTrue();
        assertThat(local.noDemo).isFalse();
        assertThat(local.stores).isEqualTo(3);
        assertThat(local.skus).isEqualTo(60);
        assertThat(local.days).isEqualTo(45);

        GatewayBenchmark gateway = new GatewayBenchmark();
        new CommandLine(gateway).parseArgs("--rates", "10,50,200");
        assertThat(gateway.rates).containsExactly(10, 50, 200);
        assertThat(gateway.seconds).isEqualTo(20);
        assertThat(gateway.concurrency).isEqualTo(16);

        IngestionBenchmark ingestion = new IngestionBenchmark();
        new CommandLine(ingestion).parseArgs("--rows=1000");
        assertThat(ingestion.rows).isEqualTo(1000);
        assertThat(ingestion.uploads).isEqualTo(2);

        NotificationBenchmark notification = new NotificationBenchmark();
        new CommandLine(notification).parseArgs();
        assertThat(notification.burst).isEqualTo(10_000);
        assertThat(notification.ruleCount).isEqualTo(50);
    }

    @Test
    void aBadValueIsAUsageErrorNamingTheOption() {
        assertThat(execute(new IngestionBenchmark(), "--rows", "lots")).isEqualTo(2);
        assertThat(err.toString()).contains("--rows", "'lots' is not an int");
        assertThat(execute(new GatewayBenchmark(), "--rates", "25,fast")).isEqualTo(2);
        assertThat(execute(new LocalPlatform(), "--stores")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter for option '--stores'");
    }
}
