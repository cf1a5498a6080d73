-- Daily demand per series, derived from pos.transactions (and history imports). Gross units sold are the demand;
-- returns are kept beside them: a return does not undo the demand of the day it was bought on.
CREATE TABLE daily_demand (
    store_id       text           NOT NULL,
    product_id     text           NOT NULL,
    day            date           NOT NULL,
    units_sold     numeric(18, 3) NOT NULL DEFAULT 0,
    units_returned numeric(18, 3) NOT NULL DEFAULT 0,
    promo_units    numeric(18, 3) NOT NULL DEFAULT 0,
    revenue        numeric(20, 4) NOT NULL DEFAULT 0,
    lines          integer        NOT NULL DEFAULT 0,
    updated_at     timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, product_id, day)
);

-- One row per known series: which ids exist, and the span of their history.
CREATE TABLE series (
    store_id   text        NOT NULL,
    product_id text        NOT NULL,
    first_day  date        NOT NULL,
    last_day   date        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, product_id)
);
CREATE INDEX series_by_product ON series (product_id);

-- Event ids already counted: a redelivered event is recognised and skipped.
CREATE TABLE processed_event (
    event_id     uuid        PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX processed_event_by_time ON processed_event (processed_at);

-- Named daily inputs (promotions calendar, holidays and events, prices, weather…). '*' applies to every store or
-- product; a value for a specific id wins over '*'.
CREATE TABLE regressor_value (
    name       text             NOT NULL,
    store_id   text             NOT NULL,
    product_id text             NOT NULL,
    day        date             NOT NULL,
    value      double precision NOT NULL,
    PRIMARY KEY (name, store_id, product_id, day)
);
