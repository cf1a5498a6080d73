package io.stockflow.tools;

import java.util.List;

/** The command-line options of the launcher and the benchmarks: flags and {@code --name value} settings. */
record Options(List<String> args) {

    static Options of(String[] args) {
        return new Options(List.of(args));
    }

    boolean flag(String name) {
        return args.contains(name);
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(value(name, Integer.toString(fallback)));
    }

    String value(String name, String fallback) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : fallback;
    }
}
