package io.stockflow.forecasting.training;

import io.stockflow.common.web.ApiProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Refits every series once a day after the day has closed ({@code stockflow.forecasting.training-cron}, in
 * {@code stockflow.forecasting.zone}; {@code -} turns it off), so forecasts, live accuracy, drift and
 * {@code forecasts.updated} follow the data without anyone asking.
 */
class ScheduledTraining {

    private static final Logger log = LoggerFactory.getLogger(ScheduledTraining.class);

    private final TrainingJobs jobs;

    ScheduledTraining(TrainingJobs jobs) {
        this.jobs = jobs;
    }

    @Scheduled(cron = "${stockflow.forecasting.training-cron}", zone = "${stockflow.forecasting.zone}")
    void nightly() {
        jobs.start(new TrainingRequest(null, null, null), "scheduler")
                .subscribe(version -> log.info("Nightly training started: model version {}", version.version()),
                        failure -> {
                            if (failure instanceof ApiProblemException busy && busy.getStatusCode().value() == 409) {
                                log.info("Nightly training skipped: a training run is in progress");
                            } else {
                                log.error("Nightly training could not start", failure);
                            }
                        });
    }
}
