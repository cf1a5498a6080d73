-- Resolved alerts are forgotten after the retention period, oldest first.
CREATE INDEX alert_resolved ON alert (resolved_at) WHERE status = 'resolved';
