package io.stockflow.forecasting.tools;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line of deploy/benchmark-forecasting.sh: help, defaults, usage errors; no benchmark runs here. */
class ForecastBenchmarkCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The output with line breaks and indentation as single spaces: help text wraps at 80 columns. */
    private String out() {
        return out.toString().replaceAll("\\s+", " ");
    }

    private int execute(String... args) {
        CommandLine command = ForecastBenchmark.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void helpListsTheSubCommandsAndEachSubCommandItsOptionsWithDefaults() {
        assertThat(execute("--help")).isZero();
        assertThat(out()).contains("Commands: accuracy", "speed", "Usage: deploy/benchmark-forecasting.sh accuracy",
                "--test-days=N", "Usage: deploy/benchmark-forecasting.sh speed");
        out.getBuffer().setLength(0);

        assertThat(execute("accuracy", "--help")).isZero();
        assertThat(out()).contains("--stores", "default: 10", "--skus", "default: 100", "--days",
                "default: 730", "--seed", "--threads", "--test-days", "default: 28", "--with-arima", "--learned",
                "default: gbm,lstm", "--lstm-epochs");

        out.getBuffer().setLength(0);
        assertThat(execute("speed", "--help")).isZero();
        assertThat(out()).contains("--stores", "--skus", "--days", "--threads").doesNotContain("--test-days");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anUnknownOptionABadValueOrNoSubCommandIsAUsageError() {
        assertThat(execute("accuracy", "--no-such-option", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option", "'--no-such-option'");
        assertThat(execute("speed", "--test-days", "7")).isEqualTo(2);
        assertThat(execute("speed", "--stores", "ten")).isEqualTo(2);
        assertThat(execute()).isEqualTo(2);
        assertThat(execute("latency")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void optionsKeepTheirNamesAndDefaults() {
        CommandLine line = ForecastBenchmark.commandLine();
        line.parseArgs("accuracy", "--stores", "3", "--with-arima", "true", "--learned", "none");
        ForecastBenchmark.Accuracy accuracy = line.getSubcommands().get("accuracy").getCommand();
        assertThat(accuracy.panel.stores).isEqualTo(3);
        assertThat(accuracy.panel.skus).isEqualTo(100);
        assertThat(accuracy.panel.days).isEqualTo(730);
        assertThat(accuracy.panel.seed).isEqualTo(42);
        assertThat(accuracy.panel.threads).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(accuracy.withArima).isTrue();
        assertThat(accuracy.learned).isEqualTo("none");
        assertThat(accuracy.testDays).isEqualTo(28);
        assertThat(accuracy.lstmEpochs).isEqualTo(10);
    }
}
