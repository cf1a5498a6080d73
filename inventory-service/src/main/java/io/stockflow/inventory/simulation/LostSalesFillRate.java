package io.stockflow.inventory.simulation;

/**
 * The fill rate of an (r, Q) policy reviewed daily — order n·Q when the stock position (on hand + on order) is at
 * or below r, so that it ends in r+1..r+Q — with whole-unit demand and whole-day, random lead times, for lost sales.
 *
 * <p>An order placed at the end of day t with lead time ℓ is sold from on day t + ℓ. Counting shortages as if
 * they were backordered, the units short on that day are (D_ℓ − y)⁺ − (D_{ℓ−1} − y)⁺, with y the position after
 * the review of day t and D_k the demand of the k days after it; in steady state y is uniform on r+1..r+Q (Hadley &amp;
 * Whitin). So the expected shortage a day is
 * <pre>  S(r) = (1/Q) Σ_{y=r+1}^{r+Q} Σ_ℓ P(ℓ)·(E[(D_ℓ − y)⁺] − E[(D_{ℓ−1} − y)⁺])</pre>
 * with the loss functions of the exact Poisson or negative binomial sums ({@link DiscreteDemand}) and the
 * lead-time probabilities of {@link LeadTimeDistribution} — no normal approximation, no continuous-review
 * undershoot ignored. The backorder fill rate would be 1 − S/d, with d the demand expected on the arrival day; with
 * lost sales the cycle's demand is its Q units sold plus the units lost, so the fill rate is Q/(Q + B) = 1/(1 + S/d)
 * for B = S·Q/d short in a cycle (Silver, Pyke &amp; Peterson's lost-sales form of the fill-rate equation).
 *
 * <p>Two approximations remain: orders that overtake each other (lead times are independent), and the steady
 * state when the forecast changes. The simulation measures what they cost.
 */
final class LostSalesFillRate {

    private final int orderQuantity;
    private final double[] shortageByPosition;
    private final double arrivalDayDemand;

    /**
     * @param dayMeans       forecast mean demand of the days after the review, at least as many as the longest
     *                       lead time
     * @param varianceToMeanRatio the demand's dispersion
     */
    LostSalesFillRate(double[] dayMeans, double varianceToMeanRatio, LeadTimeDistribution leadTime,
                      int orderQuantity) {
        this.orderQuantity = orderQuantity;
        int longest = leadTime.longest();
        double[] cumulative = new double[longest + 1];
        for (int k = 1; k <= longest; k++) {
            cumulative[k] = cumulative[k - 1] + dayMeans[k - 1];
        }
        int max = DiscreteDemand.upperBound(cumulative[longest], varianceToMeanRatio);
        double[][] lossOfDays = new double[longest + 1][];
        shortageByPosition = new double[max + 1];
        double demand = 0;
        for (int days = leadTime.shortest(); days <= longest; days++) {
            double weight = leadTime.probability(days);
            if (weight < 1e-12) {
                continue;
            }
            double[] upTo = lossOf(lossOfDays, days, cumulative[days], varianceToMeanRatio, max);
            double[] before = lossOf(lossOfDays, days - 1, cumulative[days - 1], varianceToMeanRatio, max);
            for (int y = 0; y <= max; y++) {
                shortageByPosition[y] += weight * (upTo[y] - before[y]);
            }
            demand += weight * (cumulative[days] - cumulative[days - 1]);
        }
        this.arrivalDayDemand = demand;
    }

    private static double[] lossOf(double[][] cache, int days, double mean, double ratio, int max) {
        if (cache[days] == null) {
            cache[days] = DiscreteDemand.loss(DiscreteDemand.probabilities(mean, ratio, max));
        }
        return cache[days];
    }

    /** The lost-sales fill rate 1/(1 + S(r)/d) at reorder point {@code reorderPoint}. */
    double fillRate(long reorderPoint) {
        if (arrivalDayDemand <= 0) {
            return 1;
        }
        double sum = 0;
        for (long y = reorderPoint + 1; y <= reorderPoint + orderQuantity; y++) {
            sum += shortageAt(y);
        }
        return 1 / (1 + sum / orderQuantity / arrivalDayDemand);
    }

    /**
     * The reorder point that minimises h·r + λ·lost(r) a day on the convex side of lost(r), with lost(r) =
     * d·S/(d + S) the units lost a day (d·(1 − fill rate)) and each unit of reorder point held, on average, every
     * day: from where nothing is short any more, r comes down while the unit given up saves more holding than the
     * shortage it lets in. lost(r) flattens again far below the lead-time demand (everything on the arrival day is
     * short either way), where a lower cost can hide: giving up on the item. That is not taken — it would trade a
     * regular item's service away — so this is the first-order solution of the classical shortage-cost model
     * (Silver, Pyke &amp; Peterson, ch. 6). Not below 0: with lost sales the position never falls below 0, so a
     * policy waiting for −1 would never order again.
     *
     * @param holdingPerUnitDay h, the cost of holding a unit for a day
     * @param penaltyPerUnitLost λ, the price put on a unit lost
     */
    long reorderPoint(double holdingPerUnitDay, double penaltyPerUnitLost) {
        if (arrivalDayDemand <= 0) {
            return 0;
        }
        int top = shortageByPosition.length;
        double[] lost = new double[top + 1];
        double sum = 0;
        for (int y = 1; y <= orderQuantity; y++) {
            sum += shortageAt(y);
        }
        lost[0] = lostPerDay(sum);
        for (int reorderPoint = 1; reorderPoint <= top; reorderPoint++) {
            sum += shortageAt(reorderPoint + orderQuantity) - shortageAt(reorderPoint);
            lost[reorderPoint] = lostPerDay(sum);
        }
        int reorderPoint = top;
        while (reorderPoint > 0 && penaltyPerUnitLost * (lost[reorderPoint - 1] - lost[reorderPoint])
                < holdingPerUnitDay) {
            reorderPoint--;
        }
        return reorderPoint;
    }

    /** The smallest reorder point r ≥ 0 whose fill rate reaches {@code fillRate}; S(r) falls as r rises. */
    long reorderPointForFillRate(double fillRate) {
        double allowedSum = orderQuantity * arrivalDayDemand * (1 - fillRate) / fillRate;
        double sum = 0;
        for (int y = 1; y <= orderQuantity; y++) {
            sum += shortageAt(y);
        }
        long reorderPoint = 0;
        while (sum > allowedSum && reorderPoint < shortageByPosition.length) {
            sum += shortageAt(reorderPoint + 1 + orderQuantity) - shortageAt(reorderPoint + 1);
            reorderPoint++;
        }
        return reorderPoint;
    }

    /** d, the demand expected on the day an order arrives. */
    double arrivalDayDemand() {
        return arrivalDayDemand;
    }

    private double lostPerDay(double shortageSum) {
        double shortage = Math.max(0, shortageSum / orderQuantity);
        return arrivalDayDemand * shortage / (arrivalDayDemand + shortage);
    }

    private double shortageAt(long position) {
        return position < 0 || position >= shortageByPosition.length ? 0 : shortageByPosition[(int) position];
    }
}
