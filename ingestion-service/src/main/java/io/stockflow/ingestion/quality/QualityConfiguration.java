package io.stockflow.ingestion.quality;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class QualityConfiguration {

    @Bean
    QualityReportService qualityReportService(IngestionStatisticsRepository statistics, StatisticsBuffer pending,
            @Value("${stockflow.quality.baseline-days:28}") int baselineDays,
            @Value("${stockflow.quality.min-spike-units:5}") double minSpikeUnits) {
        return new QualityReportService(statistics, pending, new AnomalyDetector(baselineDays, minSpikeUnits));
    }
}
