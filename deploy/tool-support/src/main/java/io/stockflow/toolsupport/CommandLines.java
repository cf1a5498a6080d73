package io.stockflow.toolsupport;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

/** Command lines of Stockflow's offline programs. */
public final class CommandLines {

    private static final String EVERY_COMMAND_HELP = "everyCommandHelp";

    private CommandLines() {
    }

    /** The command line of a command with sub-commands, whose --help ends with each sub-command's own help. */
    public static CommandLine withEveryCommandsHelp(Object command) {
        CommandLine line = new CommandLine(command);
        List<String> sections = new ArrayList<>(line.getHelpSectionKeys());
        sections.add(EVERY_COMMAND_HELP);
        line.getHelpSectionMap().put(EVERY_COMMAND_HELP, help -> {
            StringBuilder text = new StringBuilder();
            help.subcommands().values().forEach(sub ->
                    text.append(System.lineSeparator()).append(sub.commandSpec().commandLine().getUsageMessage()));
            return text.toString();
        });
        line.getCommandSpec().usageMessage().sectionKeys(sections);
        return line;
    }
}
