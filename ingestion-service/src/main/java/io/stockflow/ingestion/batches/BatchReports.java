package io.stockflow.ingestion.batches;

import io.stockflow.common.web.Problems;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Reads back what became of a batch and which of its rows were refused, for whoever must fix and resend them. */
public class BatchReports {

    private final BatchRepository batches;
    private final Clock clock;
    private final Duration rejectedRowRetention;

    public BatchReports(BatchRepository batches, Clock clock, Duration rejectedRowRetention) {
        this.batches = batches;
        this.clock = clock;
        this.rejectedRowRetention = rejectedRowRetention;
    }

    /** @throws io.stockflow.common.web.ApiProblemException 404 when no batch has this id */
    public Mono<BatchView> batch(String batchId) {
        return find(batchId).map(recorded -> BatchView.of(recorded, keptUntil(recorded.batch())));
    }

    /**
     * Up to {@code limit} refused rows of the batch's last attempt after row {@code afterRow}.
     *
     * @throws io.stockflow.common.web.ApiProblemException 404 when no batch has this id, 410 when its refused rows
     *                                                     are no longer kept
     */
    public Mono<RejectedRowsPage> rejectedRows(String batchId, long afterRow, int limit) {
        return find(batchId).flatMap(recorded -> {
            BatchRecord batch = recorded.batch();
            if (batch.attemptId() == null || !keptUntil(batch).isAfter(clock.instant())) {
                return Mono.error(Problems.exception(HttpStatus.GONE, "rejected-rows-gone",
                        "Refused rows no longer kept", "the refused rows of batch " + batchId + " are kept "
                                + rejectedRowRetention.toDays() + " days after its upload, or were never kept "
                                + "(batches recorded before they were); its counts are at /api/data/batches/"
                                + batchId));
            }
            // one row more than asked tells whether another page follows
            return batches.rejectedRows(batchId, batch.attemptId(), afterRow, limit + 1).collectList()
                    .map(rows -> {
                        List<RejectedRow> page = rows.size() > limit ? rows.subList(0, limit) : rows;
                        Long nextAfter = rows.size() > limit ? page.get(page.size() - 1).row() : null;
                        return new RejectedRowsPage(batchId, batch.format(), batch.csvHeader(), page, nextAfter);
                    });
        });
    }

    private Mono<BatchRepository.RecordedBatch> find(String batchId) {
        return batches.find(batchId).switchIfEmpty(Mono.error(() -> Problems.exception(HttpStatus.NOT_FOUND,
                "batch-not-found", "Unknown batch", "no batch " + batchId + " was recorded; batch ids are in the "
                        + "answer to POST /api/data/pos/batch")));
    }

    private Instant keptUntil(BatchRecord batch) {
        return batch.receivedAt().plus(rejectedRowRetention);
    }
}
