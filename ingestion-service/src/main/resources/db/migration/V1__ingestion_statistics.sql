-- Ingestion outcomes per hour of receipt and store: what was accepted, refused (and why), repeated, late or
-- out of order. Upserted once per processed chunk.
CREATE TABLE ingestion_outcome_hourly (
    bucket    timestamptz NOT NULL,
    store_id  text        NOT NULL,           -- '' when the row had no readable store
    outcome   text        NOT NULL,           -- accepted | rejected | duplicate | in_flight | late | out_of_order
    reason    text        NOT NULL DEFAULT '',-- reason code for rejected/duplicate rows
    lines     bigint      NOT NULL,
    PRIMARY KEY (bucket, store_id, outcome, reason)
);

-- Accepted sales per store, SKU and sales day (UTC): the base of price-outlier and quantity-spike detection.
-- Regular-price columns exclude promotion lines, whose discounts are not anomalies.
CREATE TABLE sku_daily_sales (
    store_id           text          NOT NULL,
    product_id         text          NOT NULL,
    sales_date         date          NOT NULL,
    lines              bigint        NOT NULL,
    units              numeric(18,3) NOT NULL,
    promo_lines        bigint        NOT NULL,
    regular_lines      bigint        NOT NULL,
    regular_price_sum  numeric(24,4) NOT NULL,
    regular_min_price  numeric(16,4),
    regular_max_price  numeric(16,4),
    PRIMARY KEY (store_id, product_id, sales_date)
);

-- One row per request that carried lines: its outcome as answered to the client.
CREATE TABLE ingestion_batch (
    batch_id        text        PRIMARY KEY,
    received_at     timestamptz NOT NULL,
    completed_at    timestamptz NOT NULL,
    endpoint        text        NOT NULL,
    format          text        NOT NULL,
    http_status     int         NOT NULL,
    rows_read       bigint      NOT NULL,
    accepted        bigint      NOT NULL,
    duplicates      bigint      NOT NULL,
    rejected        bigint      NOT NULL,
    request_id      text
);
CREATE INDEX ingestion_batch_received_at ON ingestion_batch (received_at);
