package io.stockflow.inventory.tools;

import io.stockflow.toolsupport.ToolVersion;
import io.stockflow.inventory.optimize.Constraints;
import io.stockflow.inventory.optimize.InventoryOptimizer;
import io.stockflow.inventory.optimize.ItemPolicy;
import io.stockflow.inventory.optimize.Objective;
import io.stockflow.inventory.optimize.OptimizationItem;
import io.stockflow.inventory.optimize.OptimizationResult;
import io.stockflow.inventory.policy.LeadTimeDemand;
import io.stockflow.inventory.policy.StandardNormal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Times the optimisation of many SKU-locations under a budget, side by side in one JVM with (a) the unconstrained
 * per-item optimum (every item solved once, the direct-call reference) and (c) proportional scaling of that optimum
 * to the same budget (the quality baseline: every item's cycle and safety stock cut by one factor). Prints a
 * markdown table. Results in docs/benchmarks.md.
 *
 * <pre>
 *   deploy/benchmark-inventory.sh optimize --items 100000 --seed 42 --budget-share 0.7 [--min-service-level 0.9]
 *     [--repeats 3] [--quantile-share 0.2]
 * </pre>
 * {@code --quantile-share} gives that share of the items lead-time demand from forecast quantiles (P10, P50, P90,
 * P95, P99 of a lognormal of the same mean and spread) instead of a normal.
 */
@Command(name = "optimize", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        header = "The optimiser under a budget, timed, against proportional scaling.",
        sortOptions = false, sortSynopsis = false,
        description = {"Times the optimisation of many synthetic SKU-locations under a budget, side by side with "
                + "(a) the unconstrained per-item optimum and (c) proportional scaling of it to the same budget; "
                + "prints a markdown table."})
public final class OptimizationBenchmark implements Callable<Integer> {

    @Option(names = "--items", paramLabel = "N", defaultValue = "100000",
            description = "SKU-locations to optimise (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the synthetic item set (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--budget-share", paramLabel = "F", defaultValue = "0.7",
            description = "Budget as a share of the unconstrained optimum's average investment "
                    + "(default: ${DEFAULT-VALUE}).")
    double budgetShare;

    @Option(names = "--min-service-level", paramLabel = "B",
            description = "Fill-rate floor of every item (default: none).")
    Double minService;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "3",
            description = "Timed runs of each phase; the table shows median and minimum (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--quantile-share", paramLabel = "F", defaultValue = "0",
            description = "Share of the items with lead-time demand from forecast quantiles instead of a normal "
                    + "(default: ${DEFAULT-VALUE}).")
    double quantileShare;

    @Override
    public Integer call() throws IOException {
        System.out.printf(Locale.ROOT, "JVM: %s %s (%s), %d available processors, max heap %d MB, CPU: %s%n",
                System.getProperty("java.vm.name"), Runtime.version(), System.getProperty("java.vendor"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, cpuModel());
        List<OptimizationItem> items = generate(size, seed, quantileShare);
        System.out.printf(Locale.ROOT, "%,d SKU-locations, seed %d, budget %.0f%% of the unconstrained optimum's "
                + "average investment, min fill rate %s, %d repeats, %.0f%% of items from forecast quantiles%n%n",
                size, seed, 100 * budgetShare, minService == null ? "none" : minService, repeats,
                100 * quantileShare);

        // Warm-up on a smaller set, so the first timed phase does not pay for the JIT alone.
        List<OptimizationItem> warmUp = generate(Math.min(size, 20_000), seed + 1, quantileShare);
        double warmBudget = InventoryOptimizer.optimize(warmUp, Objective.COST, Constraints.NONE).totals()
                .averageInventoryValue() * budgetShare;
        InventoryOptimizer.optimize(warmUp, Objective.COST, Constraints.NONE.withBudget(warmBudget));

        Constraints floors = new Constraints(minService, null, null, null);
        Timed<OptimizationResult> reference = time(repeats,
                () -> InventoryOptimizer.optimize(items, Objective.COST, floors));
        double budget = reference.value().totals().averageInventoryValue() * budgetShare;
        Constraints constrained = floors.withBudget(budget);
        Timed<OptimizationResult> optimised = time(repeats,
                () -> InventoryOptimizer.optimize(items, Objective.COST, constrained));
        Timed<List<ItemPolicy>> proportional = time(repeats,
                () -> proportionalScaling(items, reference.value().items(), budget));
        Timed<OptimizationResult> service = time(1,
                () -> InventoryOptimizer.optimize(items, Objective.SERVICE, constrained));
        Timed<OptimizationResult> balanced = time(1,
                () -> InventoryOptimizer.optimize(items, Objective.BALANCED, constrained));

        System.out.printf(Locale.ROOT, "Budget: %,.0f (λ = %.4f a year per unit of investment)%n%n", budget,
                optimised.value().budgetShadowPrice());
        System.out.println("| phase | wall time (median / min) | total cost | holding | ordering | shortage | "
                + "fill rate | units short | budget used | items below the fill-rate floor |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        row("(a) reference: unconstrained per-item optimum", reference, reference.value().items(), budget,
                minService);
        row("(b) **optimiser, cost, under the budget**", optimised, optimised.value().items(), budget, minService);
        row("(c) proportional scaling of (a) to the budget", proportional, proportional.value(), budget,
                minService);
        row("(d) optimiser, service, under the budget", service, service.value().items(), budget, minService);
        row("(e) optimiser, balanced, under the budget", balanced, balanced.value().items(), budget, minService);
        double optimisedCost = optimised.value().totals().totalCost();
        double scaledCost = OptimizationResult.Totals.of(proportional.value()).totalCost();
        System.out.printf(Locale.ROOT, "%nProportional scaling costs %.1f%% more than the optimiser at the same "
                + "budget.%n", 100 * (scaledCost / optimisedCost - 1));
        return 0;
    }

    /**
     * Every item's cycle stock and safety stock of the unconstrained optimum cut by one factor f — Q' = f·Q,
     * r' = μ + f·(r − μ), whole units, at least one — with f the largest (bisection) whose policies fit the budget.
     */
    static List<ItemPolicy> proportionalScaling(List<OptimizationItem> items, List<ItemPolicy> unconstrained,
                                                double budget) {
        double low = 0;
        double high = 1;
        List<ItemPolicy> best = scaled(items, unconstrained, 0);
        for (int i = 0; i < 30; i++) {
            double factor = (low + high) / 2;
            List<ItemPolicy> policies = scaled(items, unconstrained, factor);
            if (OptimizationResult.Totals.of(policies).averageInventoryValue() <= budget) {
                low = factor;
                best = policies;
            } else {
                high = factor;
            }
        }
        return best;
    }

    private static List<ItemPolicy> scaled(List<OptimizationItem> items, List<ItemPolicy> unconstrained,
                                           double factor) {
        ItemPolicy[] policies = new ItemPolicy[items.size()];
        IntStream.range(0, items.size()).parallel().forEach(i -> {
            ItemPolicy policy = unconstrained.get(i);
            double mean = policy.reorderPoint() - policy.safetyStock();
            double q = Math.max(1, Math.round(factor * policy.orderQuantity()));
            double r = Math.max(0, Math.round(mean + factor * policy.safetyStock()));
            policies[i] = InventoryOptimizer.evaluate(items.get(i), r, q);
        });
        return Arrays.asList(policies);
    }

    /**
     * A deterministic synthetic set of SKU-locations: 30% slow movers (0.02–0.5 a day, Poisson-like spread), 50%
     * medium (0.5–20 a day), 20% fast (20–200 a day); lead times of 2–21 days with 0–30% spread; unit costs
     * log-uniform from 1 to 500; ordering costs 10–150; holding 15–35% a year; shortage 10–100% of the unit cost.
     */
    static List<OptimizationItem> generate(int size, long seed, double quantileShare) {
        SplittableRandom random = new SplittableRandom(seed);
        List<OptimizationItem> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            double kind = random.nextDouble();
            double daily = kind < 0.3 ? 0.02 + 0.48 * random.nextDouble()
                    : kind < 0.8 ? 0.5 + 19.5 * random.nextDouble() : 20 + 180 * random.nextDouble();
            double dailyStd = kind < 0.3 ? Math.sqrt(daily) : daily * (0.2 + 0.8 * random.nextDouble());
            double lead = 2 + random.nextInt(20);
            double unitCost = Math.exp(Math.log(500) * random.nextDouble());
            LeadTimeDemand demand = LeadTimeDemand.normal(daily, dailyStd, lead, lead * 0.3 * random.nextDouble());
            if (random.nextDouble() < quantileShare) {
                demand = lognormalQuantiles(demand.mean(), demand.standardDeviation());
            }
            items.add(new OptimizationItem("SKU" + i + "@S" + (i % 50), demand, daily * 365,
                    unitCost, 10 + 140 * random.nextDouble(), 0.15 + 0.2 * random.nextDouble(),
                    unitCost * (0.1 + 0.9 * random.nextDouble()), 0.01 + 2 * random.nextDouble(), 0, 1, null));
        }
        return items;
    }

    private static final double[] LEVELS = {0.1, 0.5, 0.9, 0.95, 0.99};

    private static LeadTimeDemand lognormalQuantiles(double mean, double deviation) {
        double logVariance = Math.log(1 + deviation * deviation / (mean * mean));
        double logMean = Math.log(mean) - logVariance / 2;
        double[] quantiles = new double[LEVELS.length];
        for (int j = 0; j < LEVELS.length; j++) {
            quantiles[j] = Math.exp(logMean + Math.sqrt(logVariance) * StandardNormal.inverse(LEVELS[j]));
        }
        return LeadTimeDemand.fromQuantiles(mean, LEVELS, quantiles);
    }

    private record Timed<T>(T value, double[] seconds) {

        double median() {
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        double min() {
            return Arrays.stream(seconds).min().orElseThrow();
        }
    }

    private static <T> Timed<T> time(int repeats, Supplier<T> run) {
        double[] seconds = new double[repeats];
        T value = null;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            value = run.get();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return new Timed<>(value, seconds);
    }

    private static void row(String phase, Timed<?> timed, List<ItemPolicy> policies, double budget,
                            Double minService) {
        OptimizationResult.Totals totals = OptimizationResult.Totals.of(policies);
        long belowFloor = minService == null ? 0
                : policies.stream().filter(p -> p.fillRate() < minService - 1e-9).count();
        System.out.printf(Locale.ROOT, "| %s | %.2f s / %.2f s | %,.0f | %,.0f | %,.0f | %,.0f | %.2f%% | %,.0f | "
                        + "%.1f%% | %,d |%n", phase, timed.median(), timed.min(), totals.totalCost(),
                totals.holdingCost(), totals.orderingCost(), totals.shortageCost(), 100 * totals.fillRate(),
                totals.expectedUnitsShort(), 100 * totals.averageInventoryValue() / budget, belowFloor);
    }

    private static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return System.getProperty("os.arch");
        }
        return Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse(System.getProperty("os.arch"));
    }
}
