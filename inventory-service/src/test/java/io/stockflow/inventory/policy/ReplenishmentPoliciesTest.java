package io.stockflow.inventory.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReplenishmentPoliciesTest {

    /** Daily demand 20 (σ 6), lead time 9 days (σ 0): μ_L = 180, σ_L = 18; z(0.95) = Φ⁻¹(0.95) = 1.644854. */
    private final LeadTimeDemand leadTime = LeadTimeDemand.normal(20, 6, 9, 0);

    @Test
    void reorderPointIsLeadTimeDemandPlusSafetyStock() {
        ReplenishmentPolicies.Policy rq = ReplenishmentPolicies.reorderPointQuantity(leadTime, 300, 0.95);
        assertThat(rq.safetyStock()).isCloseTo(1.644854 * 18, within(1e-3));
        assertThat(rq.reorderPoint()).isCloseTo(180 + 1.644854 * 18, within(1e-3));
        assertThat(rq.orderQuantity()).isEqualTo(300);

        ReplenishmentPolicies.Policy minMax = ReplenishmentPolicies.minMax(leadTime, 300, 0.95);
        assertThat(minMax.orderUpTo()).isCloseTo(rq.reorderPoint() + 300, within(1e-9));
    }

    @Test
    void orderUpToCoversTheReviewPeriodAndTheLeadTime() {
        // Review every 7 days: protect over 16 days, μ = 320, σ = 6·4 = 24.
        LeadTimeDemand protection = LeadTimeDemand.normal(20, 6, 16, 0);
        ReplenishmentPolicies.Policy rs = ReplenishmentPolicies.orderUpTo(protection, 7, 0.95);
        assertThat(rs.orderUpTo()).isCloseTo(320 + 1.644854 * 24, within(1e-3));
        assertThat(rs.reviewPeriodDays()).isEqualTo(7);
    }

    @Test
    void aFillRateNeedsLessStockWhenOrdersAreLarge() {
        double small = ReplenishmentPolicies.reorderPointQuantityForFillRate(leadTime, 50, 0.98).safetyStock();
        double large = ReplenishmentPolicies.reorderPointQuantityForFillRate(leadTime, 1000, 0.98).safetyStock();
        assertThat(large).isLessThan(small);
        assertThat(SafetyStock.fillRate(small, 18, 50)).isCloseTo(0.98, within(1e-9));
    }
}
