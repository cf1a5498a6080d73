package io.stockflow.toolsupport;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code --version}: the title and version of the jar the command's class was loaded from (its manifest), or a
 * note when it runs from classes.
 */
public final class ToolVersion implements IVersionProvider {

    @Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        Object command = spec == null ? null : spec.userObject();
        Package module = (command == null ? ToolVersion.class : command.getClass()).getPackage();
        String title = module.getImplementationTitle();
        String version = module.getImplementationVersion();
        return new String[] {(title == null ? "Stockflow" : title) + " "
                + (version == null ? "(not run from its jar)" : version)};
    }
}
