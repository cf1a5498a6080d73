-- Suppliers and the terms they sell on. Lead times here are what was agreed; what receipts show is learned in
-- lead_time_observation and preferred once there are enough of them.
CREATE TABLE supplier (
    supplier_id              text           PRIMARY KEY,
    name                     text           NOT NULL,
    lead_time_days           numeric(8, 2)  NOT NULL,
    lead_time_sd_days        numeric(8, 2)  NOT NULL DEFAULT 0,
    ordering_cost            numeric(20, 4) NOT NULL DEFAULT 0,
    capacity_units_per_order numeric(18, 3),
    currency                 text           NOT NULL,
    updated_at               timestamptz    NOT NULL DEFAULT now(),
    updated_by               text
);

-- What a store holds of a product and on which terms it is replenished.
CREATE TABLE item (
    store_id           text           NOT NULL,
    product_id         text           NOT NULL,
    supplier_id        text           NOT NULL REFERENCES supplier,
    unit_cost          numeric(20, 4) NOT NULL,
    unit_price         numeric(20, 4),
    currency           text           NOT NULL,
    ordering_cost      numeric(20, 4),
    holding_cost_rate  numeric(8, 5)  NOT NULL,
    shortage_cost      numeric(20, 4),
    min_order_quantity numeric(18, 3) NOT NULL DEFAULT 0,
    pack_size          numeric(18, 3) NOT NULL DEFAULT 1,
    max_order_quantity numeric(18, 3),
    unit_volume        numeric(18, 6) NOT NULL DEFAULT 1,
    lead_time_days     numeric(8, 2),
    lead_time_sd_days  numeric(8, 2),
    target_fill_rate   numeric(7, 6)  NOT NULL DEFAULT 0.95,
    updated_at         timestamptz    NOT NULL DEFAULT now(),
    updated_by         text,
    PRIMARY KEY (store_id, product_id)
);
CREATE INDEX item_by_product ON item (product_id);
CREATE INDEX item_by_supplier ON item (supplier_id, store_id);

-- Every stock movement, once: the movement id is the POS event id, or derived from the caller's Idempotency-Key.
CREATE TABLE stock_movement (
    movement_id uuid           PRIMARY KEY,
    store_id    text           NOT NULL,
    product_id  text           NOT NULL,
    kind        text           NOT NULL,
    quantity    numeric(18, 3) NOT NULL,
    occurred_at timestamptz    NOT NULL,
    reference   text,
    reason      text,
    recorded_at timestamptz    NOT NULL DEFAULT now(),
    recorded_by text
);
CREATE INDEX stock_movement_by_series ON stock_movement (store_id, product_id, occurred_at);

-- The current position per (store, product), derived from the movements and open purchase orders. A position is
-- re-planned when it changed after it was last evaluated.
CREATE TABLE stock_position (
    store_id         text           NOT NULL,
    product_id       text           NOT NULL,
    on_hand          numeric(18, 3) NOT NULL DEFAULT 0,
    on_order         numeric(18, 3) NOT NULL DEFAULT 0,
    allocated        numeric(18, 3) NOT NULL DEFAULT 0,
    last_movement_at timestamptz,
    last_sale_at     timestamptz,
    changed_at       timestamptz    NOT NULL DEFAULT now(),
    evaluated_at     timestamptz,
    reorder_point    numeric(18, 3),
    order_quantity   numeric(18, 3),
    safety_stock     numeric(18, 3),
    days_of_cover    numeric(12, 2),
    PRIMARY KEY (store_id, product_id)
);
CREATE INDEX stock_position_to_evaluate ON stock_position (changed_at) WHERE evaluated_at IS NULL;
CREATE INDEX stock_position_by_product ON stock_position (product_id);

-- The latest forecast of each series from forecasts.updated.
CREATE TABLE demand_forecast (
    store_id       text        NOT NULL,
    product_id     text        NOT NULL,
    model_version  bigint      NOT NULL,
    history_end    date        NOT NULL,
    daily          jsonb       NOT NULL,
    lead_time_totals jsonb     NOT NULL,
    event_id       uuid        NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, product_id)
);

-- Event ids of forecasts already applied.
CREATE TABLE processed_event (
    event_id     uuid        PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX processed_event_by_time ON processed_event (processed_at);

CREATE TABLE purchase_order (
    purchase_order_id uuid           PRIMARY KEY,
    supplier_id       text           NOT NULL REFERENCES supplier,
    store_id          text           NOT NULL,
    status            text           NOT NULL,
    origin            text           NOT NULL,
    idempotency_key   text           UNIQUE,
    currency          text           NOT NULL,
    note              text,
    expected_at       date,
    created_at        timestamptz    NOT NULL DEFAULT now(),
    created_by        text,
    approved_at       timestamptz,
    approved_by       text,
    sent_at           timestamptz,
    sent_by           text,
    closed_at         timestamptz,
    closed_by         text,
    version           integer        NOT NULL DEFAULT 0
);
CREATE INDEX purchase_order_by_status ON purchase_order (status, created_at);

CREATE TABLE purchase_order_line (
    purchase_order_id uuid           NOT NULL REFERENCES purchase_order,
    line_number       integer        NOT NULL,
    product_id        text           NOT NULL,
    quantity          numeric(18, 3) NOT NULL,
    received_quantity numeric(18, 3) NOT NULL DEFAULT 0,
    unit_cost         numeric(20, 4) NOT NULL,
    first_received_at timestamptz,
    PRIMARY KEY (purchase_order_id, line_number)
);

-- Days from sending an order to its first receipt, per supplier and store: the learned lead time.
CREATE TABLE lead_time_observation (
    supplier_id       text          NOT NULL,
    store_id          text          NOT NULL,
    product_id        text          NOT NULL,
    purchase_order_id uuid          NOT NULL,
    sent_at           timestamptz   NOT NULL,
    received_at       timestamptz   NOT NULL,
    days              numeric(8, 2) NOT NULL,
    PRIMARY KEY (purchase_order_id, product_id)
);
CREATE INDEX lead_time_observation_by_route ON lead_time_observation (supplier_id, store_id, received_at);

-- Every automated decision and every change of a policy, term or order, queryable.
CREATE TABLE audit_event (
    audit_id    bigserial   PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,
    action      text        NOT NULL,
    entity_type text        NOT NULL,
    entity_id   text        NOT NULL,
    details     jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_by_entity ON audit_event (entity_type, entity_id, at);
CREATE INDEX audit_event_by_time ON audit_event (at);

-- Which alert conditions hold now: an alert is raised when its condition starts and cleared when it ends, never
-- repeated while it lasts. episode numbers each raising, so a republished alert keeps its event id.
CREATE TABLE alert_state (
    store_id   text        NOT NULL,
    product_id text        NOT NULL,
    kind       text        NOT NULL,
    active     boolean     NOT NULL,
    episode    integer     NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, product_id, kind)
);

-- Events written in the same transaction as the state they announce, then sent to Kafka (transactional outbox).
CREATE TABLE outbox (
    event_id   uuid        PRIMARY KEY,
    topic      text        NOT NULL,
    event_key  text        NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz
);
CREATE INDEX outbox_unsent ON outbox (created_at) WHERE sent_at IS NULL;
