-- An operator may send a dead delivery again (after a receiver's outage is over). It then gets the retry policy's
-- attempts anew, counted after this many, while its log keeps numbering on.
ALTER TABLE delivery ADD COLUMN replayed_after integer NOT NULL DEFAULT 0;
-- The dead letters, newest first, for the operators' list and bulk replays.
CREATE INDEX delivery_dead ON delivery (created_at DESC, delivery_id DESC) WHERE status = 'dead';
