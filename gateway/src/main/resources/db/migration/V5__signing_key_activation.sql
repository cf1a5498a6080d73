-- A new signing key is published (in every replica's JWK Set) before it signs: it signs from activate_at on, and the
-- key it replaces is retired at that same instant. Keys made before signed from their creation. The default only
-- serves replicas of an earlier version during a rolling update, whose new keys sign at once as they did.
ALTER TABLE signing_key ADD COLUMN activate_at timestamptz NOT NULL DEFAULT now();
UPDATE signing_key SET activate_at = created_at;
