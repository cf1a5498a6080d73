-- Channel secrets are stored sealed (AES-GCM under the key-encryption key) where one is configured: text, not JSON.
ALTER TABLE channel ALTER COLUMN secrets DROP DEFAULT;
ALTER TABLE channel ALTER COLUMN secrets TYPE text USING secrets::text;
