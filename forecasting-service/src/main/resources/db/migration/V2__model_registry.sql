-- Every training run is one model version: what was trained, on which data, how it scored, where its artifact is.
CREATE TABLE model_version (
    id               bigserial   PRIMARY KEY,
    model            text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    requested_by     text,
    parameters       jsonb       NOT NULL,
    series_total     integer     NOT NULL DEFAULT 0,
    series_done      integer     NOT NULL DEFAULT 0,
    series_failed    integer     NOT NULL DEFAULT 0,
    training_from    date,
    training_to      date,
    metrics          jsonb,
    artifact_path    text,
    artifact_sha256  text,
    artifact_bytes   bigint,
    error            text,
    started_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz
);
-- At most one run at a time: a second start is refused while one is running.
CREATE UNIQUE INDEX one_running_training ON model_version ((true)) WHERE status = 'running';

-- Per series and version: which members were combined and how every candidate scored in backtests.
CREATE TABLE series_fit (
    model_version_id bigint      NOT NULL REFERENCES model_version (id) ON DELETE CASCADE,
    store_id         text        NOT NULL,
    product_id       text        NOT NULL,
    history_from     date        NOT NULL,
    history_to       date        NOT NULL,
    demand_pattern   text        NOT NULL,
    naive_scale      double precision,
    members          jsonb       NOT NULL,
    backtests        jsonb       NOT NULL,
    note             text,
    PRIMARY KEY (model_version_id, store_id, product_id)
);

-- The latest forecast issued for each future day of each series, scored against actuals as the days pass.
CREATE TABLE issued_forecast (
    store_id         text             NOT NULL,
    product_id       text             NOT NULL,
    target_day       date             NOT NULL,
    model            text             NOT NULL,
    model_version_id bigint           NOT NULL,
    point            double precision NOT NULL,
    p10              double precision NOT NULL,
    p90              double precision NOT NULL,
    issued_at        timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, product_id, target_day, model)
);

-- The last drift state per series: forecast.drift is published when a series starts drifting, not every day.
CREATE TABLE series_drift (
    store_id        text             NOT NULL,
    product_id      text             NOT NULL,
    drifting        boolean          NOT NULL,
    tracking_signal double precision NOT NULL,
    assessed_to     date             NOT NULL,
    updated_at      timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, product_id)
);

-- What was last published on forecasts.updated per series, to publish only changes.
CREATE TABLE published_forecast (
    store_id         text             NOT NULL,
    product_id       text             NOT NULL,
    model_version_id bigint           NOT NULL,
    history_end      date             NOT NULL,
    fingerprint      text             NOT NULL,
    published_at     timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, product_id)
);
