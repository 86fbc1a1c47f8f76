-- Every change is audited with its outcome (ok, partial, failed) and the address it came from; auditors export the
-- log by time range, newest first within it.
ALTER TABLE audit_log ADD COLUMN outcome TEXT COLLATE "C" NOT NULL DEFAULT 'ok';
ALTER TABLE audit_log ADD COLUMN address TEXT COLLATE "C" NOT NULL DEFAULT '';
CREATE INDEX ix_audit_log_at ON audit_log (at, seq);
