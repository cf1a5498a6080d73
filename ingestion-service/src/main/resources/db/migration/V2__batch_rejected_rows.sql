-- A batch's answer, readable later (GET /api/data/batches/{id}): why rows were refused, and which attempt (one run
-- of the request; a retry of a keyed batch keeps the batch id) the record and the refused rows below describe.
-- Batches recorded before this migration keep their counts; they have no refused rows on record (attempt_id null).
ALTER TABLE ingestion_batch
    ADD COLUMN in_flight          bigint NOT NULL DEFAULT 0,
    ADD COLUMN rejected_by_reason jsonb  NOT NULL DEFAULT '{}',
    ADD COLUMN csv_header         text,                   -- the upload's CSV header line; null for JSON
    ADD COLUMN attempt_id         uuid,                   -- the attempt recorded last
    ADD COLUMN attempts           int    NOT NULL DEFAULT 1;

-- Every refused row of a batch, as dead-lettered: written chunk by chunk with the dead letters, removed after
-- stockflow.ingestion.rejected-row-retention by a purge in batches (received_at).
CREATE TABLE batch_rejected_row (
    batch_id    text        NOT NULL,
    attempt_id  uuid        NOT NULL,
    row_number  bigint      NOT NULL,
    reason      text        NOT NULL,                     -- the first error's code, as counted
    errors      jsonb       NOT NULL,                     -- [{row, field, code, message}]
    original    text,                                     -- the row as sent (a CSV line without its header)
    received_at timestamptz NOT NULL,                     -- when the attempt began
    PRIMARY KEY (batch_id, attempt_id, row_number)
);
CREATE INDEX batch_rejected_row_received_at ON batch_rejected_row (received_at);
