-- Access-token signing keys shared by every gateway replica. private_key is AES-GCM sealed when sealed = true.
CREATE TABLE signing_key (
    kid         text        PRIMARY KEY,
    public_key  bytea       NOT NULL,
    private_key bytea       NOT NULL,
    sealed      boolean     NOT NULL,
    created_at  timestamptz NOT NULL,
    retired_at  timestamptz,
    withdraw_at timestamptz
);

-- API keys of machine clients. Only a SHA-256 of the secret is kept; the key itself is shown once.
CREATE TABLE api_key (
    id           text        PRIMARY KEY,
    name         text        NOT NULL,
    secret_hash  bytea       NOT NULL,
    roles        text[]      NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    revoked_by   text
);

ALTER TABLE user_account ADD COLUMN updated_by text;
