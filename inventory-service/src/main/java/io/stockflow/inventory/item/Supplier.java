package io.stockflow.inventory.item;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * A supplier and its agreed terms.
 *
 * @param leadTimeDays          agreed days from sending an order to receiving it
 * @param leadTimeSdDays        their standard deviation (0 when unknown)
 * @param orderingCost          cost of placing one order, in {@code currency}
 * @param capacityUnitsPerOrder the most the supplier ships in one order; null for no limit
 */
public record Supplier(@Size(max = 64) String supplierId,
                       @NotBlank @Size(max = 200) String name,
                       @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be positive")
                       BigDecimal leadTimeDays,
                       @DecimalMin(value = "0", message = "must not be negative") BigDecimal leadTimeSdDays,
                       @DecimalMin(value = "0", message = "must not be negative") BigDecimal orderingCost,
                       @DecimalMin(value = "0", inclusive = false, message = "must be positive")
                       BigDecimal capacityUnitsPerOrder,
                       @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
                       String currency) {

    public Supplier withId(String id) {
        return new Supplier(id, name, leadTimeDays, leadTimeSdDays == null ? BigDecimal.ZERO : leadTimeSdDays,
                orderingCost == null ? BigDecimal.ZERO : orderingCost, capacityUnitsPerOrder, currency);
    }
}
