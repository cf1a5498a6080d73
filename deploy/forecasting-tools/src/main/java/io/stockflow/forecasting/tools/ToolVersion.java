package io.stockflow.forecasting.tools;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the title and version of this module's jar (its manifest), or a note when run from classes. */
final class ToolVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        Package module = ToolVersion.class.getPackage();
        String title = module.getImplementationTitle();
        String version = module.getImplementationVersion();
        return new String[] {(title == null ? "Stockflow" : title) + " "
                + (version == null ? "(not run from its jar)" : version)};
    }
}
