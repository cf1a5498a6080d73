package io.stockflow.forecasting.model;

/** Checks shared by the models on a daily demand history. */
final class DemandHistory {

    private DemandHistory() {
    }

    /** An empty history is refused: "no day observed" is not the same as "no demand observed". */
    static void requireValid(double[] history) {
        if (history == null || history.length == 0) {
            throw new IllegalArgumentException("Demand history must cover at least one day");
        }
        for (int day = 0; day < history.length; day++) {
            if (!Double.isFinite(history[day]) || history[day] < 0) {
                throw new IllegalArgumentException(
                        "Demand must be finite and >= 0, got " + history[day] + " on day " + day);
            }
        }
    }
}
