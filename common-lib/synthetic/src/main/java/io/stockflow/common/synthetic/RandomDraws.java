package io.stockflow.common.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Random streams and the few distributions the generator needs. Everything goes through {@link SplittableRandom}
 * (a specified algorithm) and {@link StrictMath} (bit-identical on every JVM), never {@code nextGaussian} or
 * {@link Math}, whose results may differ between JDKs or CPUs: the same seed gives the same history everywhere.
 */
final class RandomDraws {

    /** Purposes of the derived streams, so that no two parts of the output share one. */
    static final long SKU = 1;
    static final long STORE = 2;
    static final long BASE_RATE = 3;
    static final long PROMOTION = 4;
    static final long STORE_DAY = 5;
    static final long BAD_ROWS = 6;

    /** Knuth's Poisson method underflows for large means, so larger means are drawn as sums of smaller ones. */
    private static final double POISSON_CHUNK = 30;

    private RandomDraws() {
    }

    /**
     * The stream of one part of the output, e.g. {@code (STORE_DAY, store, epochDay)}. Each part has its own stream,
     * so any day can be generated on its own and a larger catalogue starts with the SKUs of a smaller one.
     */
    static SplittableRandom stream(long seed, long purpose, long... ids) {
        long state = mix(seed ^ mix(purpose));
        for (long id : ids) {
            state = mix(state ^ mix(id + 0x9E3779B97F4A7C15L));
        }
        return new SplittableRandom(state);
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser, the mixer of SplitMix64. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Standard normal, by Marsaglia's polar method. */
    static double gaussian(SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }

    static double logNormal(SplittableRandom rng, double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian(rng));
    }

    static double logUniform(SplittableRandom rng, double low, double high) {
        return low * StrictMath.exp(rng.nextDouble() * StrictMath.log(high / low));
    }

    static double exponential(SplittableRandom rng, double mean) {
        return -mean * StrictMath.log(1 - rng.nextDouble());
    }

    /** Failures before the first success, with the given mean: 0, 1, 2, ... with geometrically falling odds. */
    static int geometric(SplittableRandom rng, double mean) {
        if (mean <= 0) {
            return 0;
        }
        return (int) StrictMath.floor(StrictMath.log(1 - rng.nextDouble()) / StrictMath.log(mean / (1 + mean)));
    }

    static int poisson(SplittableRandom rng, double mean) {
        int count = 0;
        for (double remaining = mean; remaining > 0; remaining -= POISSON_CHUNK) {
            double limit = StrictMath.exp(-Math.min(remaining, POISSON_CHUNK));
            for (double product = rng.nextDouble(); product > limit; product *= rng.nextDouble()) {
                count++;
            }
        }
        return count;
    }

    /**
     * Counts with variance {@code mean + overdispersion * mean²}, as a Gamma-Poisson mixture: real sales vary more
     * than Poisson (weather, local events). Plain Poisson when overdispersion is 0.
     */
    static int negativeBinomial(SplittableRandom rng, double mean, double overdispersion) {
        if (mean <= 0) {
            return 0;
        }
        if (overdispersion == 0) {
            return poisson(rng, mean);
        }
        double shape = 1 / overdispersion;
        return poisson(rng, gamma(rng, shape) * mean / shape);
    }

    /** Gamma with unit scale, by Marsaglia and Tsang (2000), boosted for shapes below 1. */
    static double gamma(SplittableRandom rng, double shape) {
        if (shape < 1) {
            return gamma(rng, shape + 1) * StrictMath.pow(rng.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / StrictMath.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = gaussian(rng);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            if (StrictMath.log(rng.nextDouble()) < 0.5 * x * x + d - d * v + d * StrictMath.log(v)) {
                return d * v;
            }
        }
    }

    /** Index drawn with probability proportional to its weight. */
    static int weighted(SplittableRandom rng, double[] weights, double total) {
        double target = rng.nextDouble() * total;
        for (int i = 0; i < weights.length - 1; i++) {
            target -= weights[i];
            if (target < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Fisher-Yates; {@code Collections.shuffle} wants a {@code java.util.Random}. */
    static <T> void shuffle(SplittableRandom rng, List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            list.set(j, list.set(i, list.get(j)));
        }
    }
}
