package io.stockflow.common.series;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeriesKeyTest {

    @Test
    void roundTripsAndRefusesTheSeparatorInIds() {
        SeriesKey key = new SeriesKey("S001", "P-1:blue");
        assertThat(key.toString()).isEqualTo("S001|P-1:blue");
        assertThat(SeriesKey.parse(key.toString())).isEqualTo(key);
        assertThatThrownBy(() -> new SeriesKey("S|1", "P")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeriesKey.parse("S001")).isInstanceOf(IllegalArgumentException.class);
    }
}
