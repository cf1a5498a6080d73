package io.stockflow.forecasting.learned;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Settings of the learned models ({@code stockflow.forecasting.learned.*}).
 *
 * @param enabled         whether training runs train them and the ensemble considers them
 * @param nativeCacheDir  where JavaCPP unpacks ND4J's native libraries (a writable data folder)
 * @param lstmMaxEpochs   epochs the LSTM trains at most (early stopping usually ends sooner)
 * @param lstmMaxWindows  training windows per epoch at most, over all series: bounds an epoch's time on large panels
 */
@ConfigurationProperties("stockflow.forecasting.learned")
public record LearnedModelsProperties(boolean enabled, Path nativeCacheDir, int lstmMaxEpochs, int lstmMaxWindows) {
}
