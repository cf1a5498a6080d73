package io.stockflow.inventory.tools;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line of deploy/benchmark-inventory.sh: help, defaults, usage errors; no benchmark runs here. */
class InventoryBenchmarkCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The output with line breaks and indentation as single spaces: help text wraps at 80 columns. */
    private String out() {
        return out.toString().replaceAll("\\s+", " ");
    }

    private int execute(String... args) {
        CommandLine command = InventoryBenchmark.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void helpListsTheSubCommandsAndEachSubCommandItsOptionsWithDefaults() {
        assertThat(execute("--help")).isZero();
        assertThat(out()).contains("Commands: optimize", "simulate", "Usage: deploy/benchmark-inventory.sh optimize",
                "--budget-share=F", "Usage: deploy/benchmark-inventory.sh simulate", "--fill-rate=F");
        out.getBuffer().setLength(0);

        assertThat(execute("optimize", "--help")).isZero();
        assertThat(out()).doesNotContain("simulate").contains("--items", "default: 100000", "--budget-share", "default: 0.7",
                "--min-service-level", "--repeats", "--quantile-share", "--seed");

        assertThat(execute("simulate", "--help")).isZero();
        assertThat(out()).contains("--replications", "default: 20", "--fill-rate", "default: 0.98",
                "--item-floor", "--warm-up", "--episodes", "default: 300");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anUnknownOptionABadValueOrNoSubCommandIsAUsageError() {
        assertThat(execute("optimize", "--no-such-option", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option", "'--no-such-option'");
        assertThat(execute("simulate", "--items", "many")).isEqualTo(2);
        assertThat(err.toString()).contains("--items", "many");
        assertThat(execute()).isEqualTo(2);
        assertThat(execute("forecast")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void optionsKeepTheirNamesAndDefaults() {
        CommandLine optimizeLine = InventoryBenchmark.commandLine();
        optimizeLine.parseArgs("optimize", "--items", "200", "--repeats", "1", "--min-service-level", "0.9");
        OptimizationBenchmark optimize = optimizeLine.getSubcommands().get("optimize").getCommand();
        assertThat(optimize.size).isEqualTo(200);
        assertThat(optimize.repeats).isEqualTo(1);
        assertThat(optimize.minService).isEqualTo(0.9);
        assertThat(optimize.seed).isEqualTo(42);
        assertThat(optimize.budgetShare).isEqualTo(0.7);
        assertThat(optimize.quantileShare).isZero();

        CommandLine simulateLine = InventoryBenchmark.commandLine();
        simulateLine.parseArgs("simulate", "--days", "90");
        SimulationBenchmark simulate = simulateLine.getSubcommands().get("simulate").getCommand();
        assertThat(simulate.days).isEqualTo(90);
        assertThat(simulate.itemCount).isEqualTo(50);
        assertThat(simulate.replications).isEqualTo(20);
        assertThat(simulate.fillRate).isEqualTo(0.98);
        assertThat(simulate.itemFloor).isEqualTo(0.9);
        assertThat(simulate.warmUp).isEqualTo(90);
        assertThat(simulate.episodes).isEqualTo(300);
    }
}
