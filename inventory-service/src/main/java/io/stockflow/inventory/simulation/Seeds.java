package io.stockflow.inventory.simulation;

/** Independent seeds from the request's seed, so that each stream is fixed by what it is for, not by run order. */
final class Seeds {

    static final long EVALUATION = 1;
    static final long TRAINING = 2;
    static final long EXPLORATION = 3;

    private Seeds() {
    }

    /** SplitMix64's finaliser over the parts in turn. */
    static long mix(long... parts) {
        long state = 0x9E3779B97F4A7C15L;
        for (long part : parts) {
            state = finalise(state ^ part) + 0x9E3779B97F4A7C15L;
        }
        return finalise(state);
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
