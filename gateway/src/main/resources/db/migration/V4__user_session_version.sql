-- Moves on whenever a change must end a user's logins (new password, enabled changed, different roles): each
-- refresh-token family records the version its login saw, and a refresh under another version is refused.
ALTER TABLE user_account ADD COLUMN session_version bigint NOT NULL DEFAULT 0;
