package io.stockflow.inventory.tools;

import io.stockflow.toolsupport.CommandLines;
import io.stockflow.toolsupport.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code deploy/benchmark-inventory.sh}: the inventory benchmarks as sub-commands, {@code optimize}
 * ({@link OptimizationBenchmark}) and {@code simulate} ({@link SimulationBenchmark}). Results in docs/benchmarks.md.
 */
@Command(name = "deploy/benchmark-inventory.sh", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        subcommands = {OptimizationBenchmark.class, SimulationBenchmark.class},
        synopsisSubcommandLabel = "(optimize | simulate)",
        description = "Inventory benchmarks on synthetic items (results in docs/benchmarks.md).",
        footer = {"", "Each command and its options:"})
public final class InventoryBenchmark {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line; its --help ends with every command's own help, so that it shows every option. */
    static CommandLine commandLine() {
        return CommandLines.withEveryCommandsHelp(new InventoryBenchmark());
    }
}
