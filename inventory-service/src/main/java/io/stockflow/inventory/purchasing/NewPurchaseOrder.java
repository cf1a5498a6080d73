package io.stockflow.inventory.purchasing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Body of {@code POST /api/inventory/purchase-orders}: a draft order to one supplier for one store. */
public record NewPurchaseOrder(@NotBlank @Size(max = 64) String supplierId,
                               @NotBlank @Size(max = 64) String storeId,
                               @NotEmpty @Size(max = 500) List<@Valid @NotNull Line> lines,
                               @Size(max = 1000) String note,
                               LocalDate expectedAt,
                               @Pattern(regexp = "manual|reorder_recommendation|alert_rule",
                                       message = "must be manual, reorder_recommendation or alert_rule")
                               String origin) {

    /** @param unitCost defaults to the item's unit cost */
    public record Line(@NotBlank @Size(max = 64) String productId,
                       @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be positive")
                       BigDecimal quantity,
                       @DecimalMin(value = "0", message = "must not be negative") BigDecimal unitCost) {
    }
}
