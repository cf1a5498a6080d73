package io.stockflow.common.events;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DeterministicUuidTest {

    // Reference values from Python 3.11: uuid.uuid5(uuid.NAMESPACE_DNS, "stockflow.io") and
    // uuid.uuid5(<that>, "pos-line:T1:1").
    @Test
    void matchesPythonsVersion5Uuids() {
        assertThat(DeterministicUuid.STOCKFLOW_NAMESPACE)
                .isEqualTo(UUID.fromString("bb167eff-dda0-583b-a93e-bec10897407c"));
        UUID line = DeterministicUuid.of("pos-line:T1:1");
        assertThat(line).isEqualTo(UUID.fromString("be27d0ae-61f4-5e25-abc7-9cba331e7b87"));
        assertThat(line.version()).isEqualTo(5);
        assertThat(line.variant()).isEqualTo(2);
    }
}
