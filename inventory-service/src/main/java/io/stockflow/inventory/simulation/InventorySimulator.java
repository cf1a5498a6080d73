package io.stockflow.inventory.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * The what-if simulator: items day by day under a scenario, several replenishment policies side by side on the
 * very same demand and lead-time histories. Deterministic: the same request gives the same result.
 *
 * <p>Each policy knows what a planner would: the item's parameters and the forecast — the demand model's mean by
 * day with the weekday profile, anticipated demand windows and price changes — never the demand drawn. Unforeseen
 * windows, lead-time disruptions and outages reach them only through the stock. See {@link ItemSimulation} for the
 * day's sequence and {@link SimulationResult.Metrics} for what is measured.
 */
public final class InventorySimulator {

    private InventorySimulator() {
    }

    /**
     * @throws IllegalArgumentException naming the field, when the request is incomplete or out of range
     */
    public static SimulationResult simulate(SimulationRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("request is required");
        }
        request.validate();
        SimulationSettings settings = request.settings();
        int replications = settings.replications();
        List<PolicyKind> kinds = request.policies();
        List<List<SimulationResult.ItemMetrics>> itemsByPolicy = new ArrayList<>();
        List<Tally> totals = new ArrayList<>();
        List<Tally[]> totalsByReplication = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            itemsByPolicy.add(new ArrayList<>());
            totals.add(new Tally());
            Tally[] byReplication = new Tally[replications];
            for (int replication = 0; replication < replications; replication++) {
                byReplication[replication] = new Tally();
            }
            totalsByReplication.add(byReplication);
        }
        List<ItemCalendar> calendars = new ArrayList<>();
        for (SimulatedItem item : request.items()) {
            calendars.add(new ItemCalendar(item, request.scenario(), settings.warmUpDays(), settings.days()));
        }
        double shortagePenalty = kinds.contains(PolicyKind.OPTIMISED)
                ? OptimisedPolicy.shortagePenalty(calendars, settings.targetFillRate(),
                settings.itemFillRateFloor()) : Double.NaN;
        for (ItemCalendar calendar : calendars) {
            SimulatedItem item = calendar.item;
            long itemSeed = Seeds.mix(settings.seed(), item.id().hashCode());
            DemandPath[] histories = new DemandPath[replications];
            for (int replication = 0; replication < replications; replication++) {
                histories[replication] = DemandPath.draw(calendar, Seeds.mix(itemSeed, Seeds.EVALUATION, replication));
            }
            for (int k = 0; k < kinds.size(); k++) {
                OrderPolicy policy = policyFor(kinds.get(k), calendar, settings, shortagePenalty, itemSeed);
                Tally itemTally = new Tally();
                for (int replication = 0; replication < replications; replication++) {
                    Tally run = new Tally();
                    ItemSimulation.run(calendar, histories[replication], policy, run);
                    itemTally.add(run);
                    totalsByReplication.get(k)[replication].add(run);
                }
                itemsByPolicy.get(k).add(new SimulationResult.ItemMetrics(item.id(), policy.parameters(),
                        itemTally.metrics(settings.days(), replications)));
                totals.get(k).add(itemTally);
            }
        }
        List<SimulationResult.PolicyResult> results = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            List<Double> fillRates = new ArrayList<>();
            for (Tally run : totalsByReplication.get(k)) {
                fillRates.add(run.fillRate());
            }
            results.add(new SimulationResult.PolicyResult(kinds.get(k), description(kinds.get(k), settings),
                    totals.get(k).metrics(settings.days(), replications), List.copyOf(itemsByPolicy.get(k)), List.copyOf(fillRates)));
        }
        return new SimulationResult(settings.days(), replications, List.copyOf(results));
    }

    private static OrderPolicy policyFor(PolicyKind kind, ItemCalendar calendar, SimulationSettings settings,
                                         double shortagePenalty, long itemSeed) {
        switch (kind) {
            case OPTIMISED:
                return new OptimisedPolicy(calendar, shortagePenalty, settings.itemFillRateFloor());
            case NAIVE:
                return new NaivePolicy(calendar, settings.naiveCoverDays());
            case MIN_MAX:
                return new MinMaxPolicy(calendar, settings.minMaxMinDays(), settings.minMaxMaxDays());
            case Q_LEARNING:
                return QLearningPolicy.train(calendar.item, settings.qLearningEpisodes(), itemSeed);
            case TEXTBOOK_RQ:
                return new TextbookPolicy(calendar, settings.targetFillRate());
            default:
                throw new IllegalArgumentException("unknown policy " + kind);
        }
    }

    private static String description(PolicyKind kind, SimulationSettings settings) {
        switch (kind) {
            case OPTIMISED:
                return "(r, Q) reviewed daily: Q the EOQ (minimum order, packs); r from the exact lost-sales fill rate "
                        + "of the forecast lead-time demand, one shortage price for all items, set for a pooled fill "
                        + "rate of " + settings.targetFillRate() + ", no item planned below " + settings.itemFillRateFloor();
            case NAIVE:
                return "naive: when the forecast over the lead time exceeds the position, order the forecast over "
                        + "the lead time + " + settings.naiveCoverDays() + " days less the position";
            case MIN_MAX:
                return "min/max: at or below " + settings.minMaxMinDays() + " days of mean demand, order up to "
                        + settings.minMaxMaxDays() + " days";
            case Q_LEARNING:
                return "tabular Q-learning: 24 position buckets × orders of {0, 1, 2, 4} × EOQ, trained "
                        + settings.qLearningEpisodes() + " episodes of " + QLearningPolicy.EPISODE_DAYS + " days";
            case TEXTBOOK_RQ:
                return "textbook (r, Q): Q the EOQ, r = μ_L + k·σ_L from the normal loss function at a "
                        + settings.targetFillRate() + " fill rate";
            default:
                throw new IllegalArgumentException("unknown policy " + kind);
        }
    }
}
