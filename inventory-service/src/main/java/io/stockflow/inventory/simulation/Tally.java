package io.stockflow.inventory.simulation;

/** Sums over reported days (of one or more runs) from which {@link SimulationResult.Metrics} are computed. */
final class Tally {

    long days;
    long demanded;
    long sold;
    long lost;
    long stockoutDays;
    long cycles;
    long cyclesWithStockout;
    long orders;
    double onHandUnitDays;
    double onHandValueDays;
    double holdingCost;
    double orderingCost;
    double shortageCost;
    double revenue;
    double costOfGoodsSold;

    void add(Tally other) {
        days += other.days;
        demanded += other.demanded;
        sold += other.sold;
        lost += other.lost;
        stockoutDays += other.stockoutDays;
        cycles += other.cycles;
        cyclesWithStockout += other.cyclesWithStockout;
        orders += other.orders;
        onHandUnitDays += other.onHandUnitDays;
        onHandValueDays += other.onHandValueDays;
        holdingCost += other.holdingCost;
        orderingCost += other.orderingCost;
        shortageCost += other.shortageCost;
        revenue += other.revenue;
        costOfGoodsSold += other.costOfGoodsSold;
    }

    double fillRate() {
        return demanded == 0 ? 1 : (double) sold / demanded;
    }

    double totalCost() {
        return holdingCost + orderingCost + shortageCost;
    }

    /**
     * Means per run of {@code runs} runs of {@code daysPerRun} reported days (a total over items sums each item's
     * average stock).
     */
    SimulationResult.Metrics metrics(int daysPerRun, int runs) {
        double perRun = 1.0 / runs;
        double averageUnits = onHandUnitDays * perRun / daysPerRun;
        double averageValue = onHandValueDays * perRun / daysPerRun;
        double yearlyCostOfGoods = costOfGoodsSold * perRun * 365 / daysPerRun;
        return new SimulationResult.Metrics(demanded * perRun, sold * perRun, lost * perRun, fillRate(),
                cycles == 0 ? 1 : 1 - (double) cyclesWithStockout / cycles, cycles * perRun, stockoutDays * perRun,
                averageUnits, averageValue, averageValue == 0 ? 0 : yearlyCostOfGoods / averageValue,
                holdingCost * perRun, orderingCost * perRun, shortageCost * perRun, totalCost() * perRun,
                revenue * perRun, costOfGoodsSold * perRun,
                (revenue - costOfGoodsSold - holdingCost - orderingCost) * perRun, orders * perRun);
    }
}
