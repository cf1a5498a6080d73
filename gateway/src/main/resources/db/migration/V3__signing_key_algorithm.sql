-- The JCA algorithm of each signing key: RSA since RS256 replaced Ed25519 (keys made before are Ed25519, "EdDSA").
ALTER TABLE signing_key ADD COLUMN algorithm text NOT NULL DEFAULT 'EdDSA';
ALTER TABLE signing_key ALTER COLUMN algorithm DROP DEFAULT;
