package io.stockflow.forecasting.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeasonalNaiveForecasterTest {

    @Test
    void repeatsTheLastSeasonDayByDay() {
        // two weeks; the second week is what repeats (FPP3 §5.2: ŷ(T+h) = y(T+h−m(k+1)))
        double[] history = {1, 2, 3, 4, 5, 6, 7, 10, 20, 30, 40, 50, 60, 70};
        Forecast forecast = new SeasonalNaiveForecaster(7).forecast(history, 10);
        assertThat(forecast.model()).isEqualTo("seasonal_naive");
        assertThat(forecast.mean()).containsExactly(10, 20, 30, 40, 50, 60, 70, 10, 20, 30);
    }

    @Test
    void withLessThanASeasonItIsTheNaiveMethod() {
        assertThat(new SeasonalNaiveForecaster(7).forecast(new double[]{3, 5, 4}, 3).mean()).containsExactly(4, 4, 4);
    }

    @Test
    void refusesBadInput() {
        SeasonalNaiveForecaster model = new SeasonalNaiveForecaster(7);
        assertThatThrownBy(() -> model.forecast(new double[0], 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.forecast(new double[]{1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeasonalNaiveForecaster(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
