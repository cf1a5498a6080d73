package io.stockflow.common.forecast;

import java.util.Map;

/** Total demand over the first {@code days} forecast days: its mean and its quantiles. */
public record LeadTimeTotal(int days, double point, Map<String, Double> quantiles) {
}
