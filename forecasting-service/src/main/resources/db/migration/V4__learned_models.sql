-- What a running training run is doing now (learned models first, then the series), shown with its progress.
ALTER TABLE model_version ADD COLUMN stage text;

-- Learned (global) models trained by a run: per model, the snapshot its backtests used and the one that forecasts.
CREATE TABLE learned_model (
    model_version_id bigint      NOT NULL REFERENCES model_version (id) ON DELETE CASCADE,
    name             text        NOT NULL,
    role             text        NOT NULL CHECK (role IN ('backtest', 'forecast')),
    trained_through  date        NOT NULL,
    spec             jsonb       NOT NULL,
    training         jsonb       NOT NULL,
    artifact_path    text        NOT NULL,
    artifact_sha256  text        NOT NULL,
    artifact_bytes   bigint      NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_version_id, name, role)
);
