-- Where alerts go: a channel is a configured provider (an SMTP server, an SMS account, a webhook signing secret, an
-- FCM project); its secrets are stored apart and never returned by the API.
CREATE TABLE channel (
    channel_id uuid        PRIMARY KEY,
    name       text        NOT NULL UNIQUE,
    type       text        NOT NULL,
    settings   jsonb       NOT NULL DEFAULT '{}',
    secrets    jsonb       NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- A recipient on a channel: an email address, a phone number (E.164), a webhook URL, a device token.
CREATE TABLE subscription (
    subscription_id uuid        PRIMARY KEY,
    name            text        NOT NULL,
    channel_id      uuid        NOT NULL REFERENCES channel,
    address         text        NOT NULL,
    enabled         boolean     NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Which alerts go to whom, when, how often; the rule's body is its JSON definition.
CREATE TABLE rule (
    rule_id    uuid        PRIMARY KEY,
    name       text        NOT NULL,
    enabled    boolean     NOT NULL DEFAULT true,
    definition jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every alert received, once: the alert id is the id of the event that raised it.
CREATE TABLE alert (
    alert_id        uuid        PRIMARY KEY,
    type            text        NOT NULL,
    severity        text        NOT NULL,
    store_id        text,
    product_id      text,
    title           text        NOT NULL,
    message         text        NOT NULL,
    payload         jsonb       NOT NULL,
    dedup_key       text        NOT NULL,
    status          text        NOT NULL DEFAULT 'open',
    occurred_at     timestamptz NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    acknowledged_at timestamptz,
    acknowledged_by text,
    resolved_at     timestamptz,
    resolved_by     text
);
CREATE INDEX alert_by_time ON alert (received_at);
CREATE INDEX alert_open_by_dedup_key ON alert (dedup_key) WHERE status IN ('open', 'acknowledged');

-- An alert matched by a rule: its escalation state.
CREATE TABLE alert_route (
    alert_id           uuid        NOT NULL REFERENCES alert,
    rule_id            uuid        NOT NULL REFERENCES rule,
    escalation_level   integer     NOT NULL DEFAULT 0,
    next_escalation_at timestamptz,
    PRIMARY KEY (alert_id, rule_id)
);
CREATE INDEX alert_route_to_escalate ON alert_route (next_escalation_at) WHERE next_escalation_at IS NOT NULL;

-- One message to one subscription (or one automated action); its id is the idempotency id receivers see.
CREATE TABLE delivery (
    delivery_id      uuid        PRIMARY KEY,
    alert_id         uuid        NOT NULL REFERENCES alert,
    rule_id          uuid        NOT NULL REFERENCES rule,
    subscription_id  uuid        REFERENCES subscription,
    action           text,
    escalation_level integer     NOT NULL DEFAULT 0,
    status           text        NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    lease_until      timestamptz,
    last_status      integer,
    last_error       text,
    delivered_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status IN ('pending', 'retrying');
CREATE INDEX delivery_sending ON delivery (lease_until) WHERE status = 'sending';
CREATE INDEX delivery_by_alert ON delivery (alert_id);

-- Every attempt of every delivery: the delivery log.
CREATE TABLE delivery_attempt (
    delivery_id uuid        NOT NULL REFERENCES delivery,
    attempt     integer     NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    outcome     text        NOT NULL,
    status      integer,
    detail      text,
    PRIMARY KEY (delivery_id, attempt)
);
