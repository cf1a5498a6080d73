-- Deliveries are a work queue inside a growing log: every send rewrites its row, and the partial indexes that
-- find due work keep an entry per old row version until a vacuum. Vacuum this table after a few thousand changed
-- rows rather than after a fifth of the table (the default), so finding due work stays cheap as the log grows.
ALTER TABLE delivery SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
    autovacuum_analyze_scale_factor = 0.05);
