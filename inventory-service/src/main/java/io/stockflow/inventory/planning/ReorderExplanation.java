package io.stockflow.inventory.planning;

import java.util.LinkedHashMap;
import java.util.Map;

/** The numbers behind a plan, as recommendations show them and the audit trail keeps them. */
final class ReorderExplanation {

    private ReorderExplanation() {
    }

    static Map<String, Object> of(Planning.SeriesPlan series) {
        ReorderPlanner.Plan plan = series.plan();
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("recommended_quantity", plan.recommendedQuantity());
        numbers.put("urgency", plan.urgency());
        numbers.put("available", plan.available());
        numbers.put("on_hand", series.position() == null ? 0 : series.position().onHand());
        numbers.put("on_order", series.position() == null ? 0 : series.position().onOrder());
        numbers.put("allocated", series.position() == null ? 0 : series.position().allocated());
        numbers.put("daily_demand", plan.dailyRate());
        numbers.put("lead_time_days", series.terms().leadTimeDays());
        numbers.put("lead_time_sd_days", series.terms().leadTimeSdDays());
        numbers.put("lead_time_source", series.terms().leadTimeSource());
        numbers.put("lead_time_demand", plan.leadTimeDemand());
        numbers.put("lead_time_demand_sd", plan.leadTimeDemandSd());
        numbers.put("demand_distribution", plan.fromForecastQuantiles() ? "forecast_quantiles" : "normal");
        numbers.put("target_fill_rate", series.terms().targetFillRate());
        numbers.put("safety_stock", plan.safetyStock());
        numbers.put("reorder_point", plan.reorderPoint());
        numbers.put("order_quantity", plan.orderQuantity());
        numbers.put("order_up_to", plan.orderUpTo());
        numbers.put("capped_by_max_order", plan.cappedByMaxOrder());
        numbers.put("days_of_cover", plan.daysOfCover());
        numbers.put("projected_stockout_date", plan.projectedStockoutDate());
        numbers.put("forecast_model_version", series.forecast().modelVersion());
        return numbers;
    }

    static Map<String, Object> policyChange(Planning.SeriesPlan series) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("reorder_point_before", series.position() == null ? null : series.position().reorderPoint());
        change.put("order_quantity_before", series.position() == null ? null : series.position().orderQuantity());
        change.put("reorder_point", series.plan().reorderPoint());
        change.put("order_quantity", series.plan().orderQuantity());
        change.put("safety_stock", series.plan().safetyStock());
        change.put("target_fill_rate", series.terms().targetFillRate());
        change.put("lead_time_days", series.terms().leadTimeDays());
        change.put("lead_time_source", series.terms().leadTimeSource());
        change.put("forecast_model_version", series.forecast().modelVersion());
        return change;
    }
}
