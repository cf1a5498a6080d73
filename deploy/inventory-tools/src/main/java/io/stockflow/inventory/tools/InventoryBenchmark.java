package io.stockflow.inventory.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;

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

    private static final String COMMAND_HELP = "commandHelp";

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line; its --help ends with every command's own help, so that it shows every option. */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new InventoryBenchmark());
        List<String> sections = new ArrayList<>(line.getHelpSectionKeys());
        sections.add(COMMAND_HELP);
        line.getHelpSectionMap().put(COMMAND_HELP, help -> {
            StringBuilder text = new StringBuilder();
            help.subcommands().values().forEach(command ->
                    text.append(System.lineSeparator()).append(command.commandSpec().commandLine().getUsageMessage()));
            return text.toString();
        });
        line.getCommandSpec().usageMessage().sectionKeys(sections);
        return line;
    }
}
