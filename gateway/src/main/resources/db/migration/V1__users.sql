-- People who log in to Stockflow. Passwords are bcrypt hashes; roles are names of io.stockflow.common.security.Role.
CREATE TABLE user_account (
    id            uuid        PRIMARY KEY,
    username      text        NOT NULL UNIQUE,
    password_hash text        NOT NULL,
    roles         text[]      NOT NULL,
    enabled       boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
