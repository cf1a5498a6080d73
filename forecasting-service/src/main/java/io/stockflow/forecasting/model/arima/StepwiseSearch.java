package io.stockflow.forecasting.model.arima;

import java.util.HashMap;
import java.util.Map;

/** Hyndman &amp; Khandakar (2008) §3.2, step by step as auto.arima takes it; every fit kept once. */
final class StepwiseSearch {

    private static final int MAX_MODELS = 94;

    /** Neighbours in the order auto.arima visits them: seasonal orders first, then non-seasonal ones. */
    private static final int[][] MOVES = {
            {0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1},
            {0, 0, -1, -1}, {0, 0, -1, 1}, {0, 0, 1, -1}, {0, 0, 1, 1},
            {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0},
            {-1, -1, 0, 0}, {-1, 1, 0, 0}, {1, -1, 0, 0}, {1, 1, 0, 0}};

    /** Orders of the stepwise search, relative to the fixed differencing. */
    record Candidate(int p, int q, int seasonalP, int seasonalQ, boolean constant) {

        Candidate shift(int dp, int dq, int dsp, int dsq) {
            return new Candidate(p + dp, q + dq, seasonalP + dsp, seasonalQ + dsq, constant);
        }

        boolean within(Candidate max) {
            return p >= 0 && q >= 0 && seasonalP >= 0 && seasonalQ >= 0 && p <= max.p && q <= max.q
                    && seasonalP <= max.seasonalP && seasonalQ <= max.seasonalQ;
        }
    }

    private final double[] history;
    private final ArimaOrder differencing;
    /** The highest orders allowed; its constant flag is not read. */
    private final Candidate max;
    private final Map<Candidate, ArimaFit> fitted = new HashMap<>();

    StepwiseSearch(double[] history, ArimaOrder differencing, Candidate max) {
        this.history = history;
        this.differencing = differencing;
        this.max = max;
    }

    ArimaFit run(boolean constantAllowed) {
        int startOrder = history.length < 10 ? 1 : 2;
        int startSeasonal = history.length < 10 ? 0 : 1;
        Candidate best = new Candidate(Math.min(startOrder, max.p), Math.min(startOrder, max.q),
                Math.min(startSeasonal, max.seasonalP), Math.min(startSeasonal, max.seasonalQ), constantAllowed);
        best = better(best, new Candidate(0, 0, 0, 0, constantAllowed));
        best = better(best, new Candidate(Math.min(1, max.p), 0, Math.min(1, max.seasonalP), 0, constantAllowed));
        best = better(best, new Candidate(0, Math.min(1, max.q), 0, Math.min(1, max.seasonalQ), constantAllowed));
        if (constantAllowed) {
            best = better(best, new Candidate(0, 0, 0, 0, false));
        }
        boolean improved = true;
        while (improved && fitted.size() < MAX_MODELS) {
            improved = false;
            for (int[] move : MOVES) {
                Candidate neighbour = best.shift(move[0], move[1], move[2], move[3]);
                if (neighbour.within(max) && !fitted.containsKey(neighbour) && fitted.size() < MAX_MODELS) {
                    Candidate kept = better(best, neighbour);
                    if (kept != best) {
                        best = kept;
                        improved = true;
                        break;
                    }
                }
            }
            Candidate toggled = new Candidate(best.p, best.q, best.seasonalP, best.seasonalQ, !best.constant);
            if (!improved && constantAllowed && !fitted.containsKey(toggled) && fitted.size() < MAX_MODELS) {
                Candidate kept = better(best, toggled);
                improved = kept != best;
                best = kept;
            }
        }
        return fitted.get(best);
    }

    /** Fits the challenger if new; keeps the incumbent unless the challenger's AICc is strictly lower. */
    private Candidate better(Candidate incumbent, Candidate challenger) {
        ArimaFit challengerFit = fitted.computeIfAbsent(challenger, this::estimate);
        ArimaFit incumbentFit = fitted.computeIfAbsent(incumbent, this::estimate);
        return challengerFit.aicc() < incumbentFit.aicc() ? challenger : incumbent;
    }

    private ArimaFit estimate(Candidate candidate) {
        ArimaOrder order = new ArimaOrder(candidate.p, differencing.d(), candidate.q, candidate.seasonalP,
                differencing.seasonalD(), candidate.seasonalQ, differencing.period());
        return CssProblem.estimate(history, order, candidate.constant)
                .orElseGet(() -> inadmissible(order, candidate.constant));
    }

    private static ArimaFit inadmissible(ArimaOrder order, boolean constant) {
        return new ArimaFit(order, new double[order.p()], new double[order.q()], new double[order.seasonalP()],
                new double[order.seasonalQ()], constant, 0, Double.NaN, Double.POSITIVE_INFINITY);
    }
}
