package io.stockflow.inventory.policy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EconomicOrderQuantityTest {

    @Test
    void harrisQuantityBalancesOrderingAndHoldingCosts() {
        // D = 1,000 a year, A = 100, v = 50, r = 10%: sqrt(2·1000·100/5) = 200, where both costs are 500 a year.
        double quantity = EconomicOrderQuantity.quantity(1000, 100, 50, 0.1);
        assertThat(quantity).isCloseTo(200, within(1e-9));
        EconomicOrderQuantity.Order order = EconomicOrderQuantity.cost(quantity, 1000, 100, 50, 0.1);
        assertThat(order.orderingCost()).isCloseTo(500, within(1e-9));
        assertThat(order.holdingCost()).isCloseTo(500, within(1e-9));
        assertThat(order.totalCost()).isCloseTo(51_000, within(1e-6));
    }

    /**
     * Chopra &amp; Meindl, <i>Supply Chain Management</i>, "Drugs Online" all-units discount example: D = 120,000 a
     * year, S = $100, h = 20%; $3.00 below 5,000, $2.96 from 5,000, $2.92 from 10,000. EOQs 6,325 / 6,367 / 6,411;
     * 6,367 at $2.96 costs $358,969 a year, 10,000 at $2.92 costs $354,520 — order 10,000.
     */
    @Test
    void allUnitsDiscountsAsInChopraAndMeindl() {
        List<EconomicOrderQuantity.PriceBreak> prices = List.of(new EconomicOrderQuantity.PriceBreak(0, 3.00),
                new EconomicOrderQuantity.PriceBreak(5_000, 2.96), new EconomicOrderQuantity.PriceBreak(10_000, 2.92));
        assertThat(EconomicOrderQuantity.quantity(120_000, 100, 2.96, 0.2)).isCloseTo(6_367, within(1.0));
        assertThat(EconomicOrderQuantity.cost(EconomicOrderQuantity.quantity(120_000, 100, 2.96, 0.2), 120_000, 100,
                2.96, 0.2).totalCost()).isCloseTo(358_969, within(1.0));
        EconomicOrderQuantity.Order best = EconomicOrderQuantity.withDiscounts(120_000, 100, 0.2, prices);
        assertThat(best.quantity()).isEqualTo(10_000);
        assertThat(best.unitCost()).isEqualTo(2.92);
        assertThat(best.totalCost()).isCloseTo(354_520, within(1.0));
    }

    @Test
    void negativeOrZeroInputsAreRefusedNotClamped() {
        assertThatThrownBy(() -> EconomicOrderQuantity.quantity(1000, -1, 50, 0.1))
                .hasMessageContaining("ordering cost must not be negative");
        assertThatThrownBy(() -> EconomicOrderQuantity.quantity(1000, 100, 0, 0.1))
                .hasMessageContaining("unit cost must be positive");
        assertThatThrownBy(() -> new EconomicOrderQuantity.PriceBreak(-5, 1)).hasMessageContaining("minimum");
    }
}
