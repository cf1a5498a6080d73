package io.stockflow.inventory.tools;

import io.stockflow.toolsupport.ToolVersion;
import io.stockflow.inventory.simulation.DemandModel;
import io.stockflow.inventory.simulation.InventorySimulator;
import io.stockflow.inventory.simulation.PolicyKind;
import io.stockflow.inventory.simulation.Scenario;
import io.stockflow.inventory.simulation.SimulatedItem;
import io.stockflow.inventory.simulation.SimulationRequest;
import io.stockflow.inventory.simulation.SimulationResult;
import io.stockflow.inventory.simulation.SimulationSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Decision quality in simulation: every policy on one fixed, varied item set and the same demand histories; prints
 * a markdown table and whether the optimised policy's fill rate lands within ±0.5 points of the target and costs less
 * than every baseline that serves at least as well.
 *
 * <pre>--items 50 --days 180 --replications 20 --seed 42 --fill-rate 0.98 --item-floor 0.9 --warm-up 90
 *     --episodes 300</pre>
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        header = "Every replenishment policy side by side in the what-if simulator.",
        sortOptions = false, sortSynopsis = false,
        description = {"Every replenishment policy side by side on one fixed, varied item set and the same demand "
                + "histories, in the what-if simulator; prints a markdown table and whether the optimised policy "
                + "meets its fill-rate target and costs less than every baseline that serves at least as well."})
public final class SimulationBenchmark implements Callable<Integer> {

    private static final double BAND = 0.005;

    @Option(names = "--items", paramLabel = "N", defaultValue = "50",
            description = "Items of the fixed item set (default: ${DEFAULT-VALUE}).")
    int itemCount;

    @Option(names = "--days", paramLabel = "N", defaultValue = "180",
            description = "Days simulated after the warm-up (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--replications", paramLabel = "N", defaultValue = "20",
            description = "Demand histories per policy (default: ${DEFAULT-VALUE}).")
    int replications;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the demand histories (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--fill-rate", paramLabel = "F", defaultValue = "0.98",
            description = "Fill-rate target of the optimised policy (default: ${DEFAULT-VALUE}).")
    double fillRate;

    @Option(names = "--item-floor", paramLabel = "F", defaultValue = "0.9",
            description = "Fill-rate floor of every single item (default: ${DEFAULT-VALUE}).")
    double itemFloor;

    @Option(names = "--warm-up", paramLabel = "N", defaultValue = "90",
            description = "Warm-up days before the reported ones (default: ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "300",
            description = "Training episodes of the Q-learning policy (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Override
    public Integer call() {
        SimulationSettings settings = new SimulationSettings(days, seed, replications, warmUp, fillRate, itemFloor,
                7, 21, 7, episodes);
        List<SimulatedItem> items = itemSet(itemCount);
        System.out.printf(Locale.ROOT, "%d items (%s), %d days after %d warm-up days, %d replications, seed %d, "
                        + "fill-rate target %.3f%n%n", itemCount, describe(items), settings.days(),
                settings.warmUpDays(), settings.replications(), settings.seed(), settings.targetFillRate());

        Map<PolicyKind, SimulationResult.PolicyResult> results = new EnumMap<>(PolicyKind.class);
        Map<PolicyKind, Double> seconds = new EnumMap<>(PolicyKind.class);
        for (PolicyKind kind : PolicyKind.values()) {
            long start = System.nanoTime();
            results.put(kind, run(items, settings, kind));
            seconds.put(kind, (System.nanoTime() - start) / 1e9);
        }

        System.out.println("| policy | fill rate (95% CI) | mean item fill rate | CSL | stockout days / item "
                + "| avg inventory (value) | turnover | holding | ordering | **holding + ordering** "
                + "| shortage (lost margin) | total cost | profit | orders | runtime |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (PolicyKind kind : PolicyKind.values()) {
            SimulationResult.PolicyResult result = results.get(kind);
            SimulationResult.Metrics total = result.total();
            double[] interval = confidenceInterval(result.fillRateByReplication());
            double meanItemFill = result.items().stream().mapToDouble(item -> item.metrics().fillRate()).average()
                    .orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "| %s | %.2f%% (%.2f–%.2f) | %.2f%% | %.1f%% | %.1f | %,.0f | %.1f | %,.0f "
                            + "| %,.0f | **%,.0f** | %,.0f | %,.0f | %,.0f | %,.0f | %.2f s |%n", kind,
                    100 * total.fillRate(), 100 * interval[0], 100 * interval[1], 100 * meanItemFill,
                    100 * total.cycleServiceLevel(), total.stockoutDays() / items.size(), total.averageOnHandValue(),
                    total.inventoryTurnover(), total.holdingCost(), total.orderingCost(), operatingCost(total),
                    total.shortageCost(), total.totalCost(), total.profit(), total.orders(), seconds.get(kind));
        }
        System.out.println();
        System.out.println("Money: means per replication over the reported days, summed over items. Runtime: the "
                + "whole item set, all replications, Q-learning's training included.");
        System.out.println();

        SimulationResult.Metrics optimised = results.get(PolicyKind.OPTIMISED).total();
        double target = settings.targetFillRate();
        boolean inBand = Math.abs(optimised.fillRate() - target) <= BAND;
        System.out.printf(Locale.ROOT, "Optimised fill rate %.2f%% within %.1f ± %.1f%%: %s%n%n",
                100 * optimised.fillRate(), 100 * target, 100 * BAND, inBand ? "yes" : "NO");

        // Baselines at their defaults mostly serve less; their parameters swept show what equal service costs them.
        List<String[]> variants = new ArrayList<>();
        for (PolicyKind kind : List.of(PolicyKind.NAIVE, PolicyKind.MIN_MAX, PolicyKind.Q_LEARNING)) {
            variants.add(new String[] {kind.name(), "defaults", null});
        }
        for (double cover : new double[] {14, 21, 28, 42, 56}) {
            variants.add(new String[] {"NAIVE", "cover " + (int) cover + " days", Double.toString(cover)});
        }
        for (double min : new double[] {14, 21, 28, 35, 42}) {
            variants.add(new String[] {"MIN_MAX", "min/max " + (int) min + "/" + (int) (2 * min) + " days",
                    Double.toString(min)});
        }
        for (double textbookTarget : new double[] {0.98, 0.97, 0.96, 0.95}) {
            variants.add(new String[] {"TEXTBOOK_RQ", "target " + textbookTarget, Double.toString(textbookTarget)});
        }
        System.out.println("| baseline | setting | fill rate | holding + ordering | serves ≥ optimised | "
                + "optimised cheaper |");
        System.out.println("|---|---|---|---|---|---|");
        boolean cheapest = true;
        for (String[] variant : variants) {
            PolicyKind kind = PolicyKind.valueOf(variant[0]);
            SimulationResult.Metrics baseline;
            if (variant[2] == null) {
                baseline = results.get(kind).total();
            } else {
                double value = Double.parseDouble(variant[2]);
                SimulationSettings varied = kind == PolicyKind.NAIVE
                        ? new SimulationSettings(settings.days(), settings.seed(), settings.replications(),
                        settings.warmUpDays(), target, settings.itemFillRateFloor(), 7, 21, value, settings.qLearningEpisodes())
                        : kind == PolicyKind.MIN_MAX
                        ? new SimulationSettings(settings.days(), settings.seed(), settings.replications(),
                        settings.warmUpDays(), target, settings.itemFillRateFloor(), value, 2 * value, 7, settings.qLearningEpisodes())
                        : settings.withTargetFillRate(value);
                baseline = run(items, varied, kind).total();
            }
            boolean servesAsWell = baseline.fillRate() >= optimised.fillRate();
            boolean cheaper = operatingCost(optimised) < operatingCost(baseline);
            cheapest &= !servesAsWell || cheaper;
            System.out.printf(Locale.ROOT, "| %s | %s | %.2f%% | %,.0f | %s | %s |%n", kind, variant[1],
                    100 * baseline.fillRate(), operatingCost(baseline), servesAsWell ? "yes" : "no",
                    servesAsWell ? (cheaper ? "yes" : "**NO**") : "–");
        }
        System.out.printf(Locale.ROOT, "%nOptimised (%.2f%%, holding + ordering %,.0f) cheaper than every baseline "
                        + "serving at least as well: %s%n", 100 * optimised.fillRate(), operatingCost(optimised),
                cheapest ? "yes" : "NO");
        return 0;
    }

    private static SimulationResult.PolicyResult run(List<SimulatedItem> items, SimulationSettings settings,
                                                     PolicyKind kind) {
        return InventorySimulator.simulate(new SimulationRequest(items, Scenario.NONE, settings, List.of(kind)))
                .policies().get(0);
    }

    /**
     * What running the policy costs: holding and ordering. The fill-rate target stands in for the price of a lost
     * sale, so shortage is compared as service, not as cost.
     */
    private static double operatingCost(SimulationResult.Metrics metrics) {
        return metrics.holdingCost() + metrics.orderingCost();
    }

    /** Mean ± 1.96 standard errors of the replications' fill rates. */
    private static double[] confidenceInterval(List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double variance = values.stream().mapToDouble(value -> (value - mean) * (value - mean)).sum()
                / Math.max(1, values.size() - 1);
        double halfWidth = 1.96 * Math.sqrt(variance / values.size());
        return new double[] {mean - halfWidth, mean + halfWidth};
    }

    /**
     * A fixed item set (its own seed, whatever the simulation's), in five kinds taken in turn: fast movers
     * (40–300 a day, half with a weekday profile), medium (5–40), slow (0.5–5), intermittent (0.05–0.5 a day,
     * variance 2–6× the mean) and pack-constrained (3–30 a day, packs of 6/12/24, a minimum of 2–5 packs). Lead times
     * 2–21 days, their deviation 0–25%; unit costs 1–200 (log-uniform), prices 1.3–3× cost, ordering costs 10–150,
     * holding 15–35% a year.
     */
    public static List<SimulatedItem> itemSet(int count) {
        SplittableRandom random = new SplittableRandom(20_261_122L);
        List<Double> weekdays = List.of(0.8, 0.85, 0.9, 1.0, 1.2, 1.45, 0.8);
        List<SimulatedItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int kind = i % 5;
            double mean;
            double ratio;
            List<Double> profile = null;
            int pack = 1;
            int minimum = 1;
            switch (kind) {
                case 0:
                    mean = 40 * Math.pow(300 / 40.0, random.nextDouble());
                    ratio = 1 + 1.5 * random.nextDouble();
                    profile = i % 10 == 0 ? weekdays : null;
                    break;
                case 1:
                    mean = 5 * Math.pow(8, random.nextDouble());
                    ratio = 1 + 2 * random.nextDouble();
                    break;
                case 2:
                    mean = 0.5 * Math.pow(10, random.nextDouble());
                    ratio = 1 + random.nextDouble();
                    break;
                case 3:
                    mean = 0.05 * Math.pow(10, random.nextDouble());
                    ratio = 2 + 4 * random.nextDouble();
                    break;
                default:
                    mean = 3 * Math.pow(10, random.nextDouble());
                    ratio = 1 + random.nextDouble();
                    pack = new int[] {6, 12, 24}[random.nextInt(3)];
                    minimum = pack * (2 + random.nextInt(4));
                    break;
            }
            double leadTime = 2 + random.nextInt(20);
            double leadTimeDeviation = random.nextDouble() < 0.3 ? 0 : leadTime * 0.25 * random.nextDouble();
            double cost = Math.pow(200, random.nextDouble());
            double price = cost * (1.3 + 1.7 * random.nextDouble());
            double orderingCost = 10 + 140 * random.nextDouble();
            double holdingRate = 0.15 + 0.2 * random.nextDouble();
            items.add(new SimulatedItem(String.format(Locale.ROOT, "item-%02d", i),
                    new DemandModel(round(mean), round(ratio), profile), round(price), round(cost),
                    round(orderingCost), round(holdingRate), null, leadTime, round(leadTimeDeviation), minimum, pack,
                    null));
        }
        return items;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String describe(List<SimulatedItem> items) {
        double demand = items.stream().mapToDouble(item -> item.demand().meanPerDay()).sum();
        return String.format(Locale.ROOT, "%.0f units a day in all", demand);
    }
}
