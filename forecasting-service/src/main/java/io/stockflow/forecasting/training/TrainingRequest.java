package io.stockflow.forecasting.training;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * {@code POST /api/ml/models/train}: refit a model for every known series, or only those of some stores and products.
 *
 * @param model {@code ensemble} when absent
 */
public record TrainingRequest(@Size(max = 10_000) List<@NotNull String> storeIds,
                              @Size(max = 10_000) List<@NotNull String> productIds, String model) {
}
