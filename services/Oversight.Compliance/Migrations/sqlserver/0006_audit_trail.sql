-- Every change is audited with its outcome (ok, partial, failed) and the address it came from; auditors export the
-- log by time range, newest first within it.
ALTER TABLE audit_log ADD outcome NVARCHAR(16) NOT NULL CONSTRAINT df_audit_log_outcome DEFAULT 'ok';
GO
ALTER TABLE audit_log ADD address NVARCHAR(64) NOT NULL CONSTRAINT df_audit_log_address DEFAULT '';
GO
CREATE INDEX ix_audit_log_at ON audit_log (at, seq);
GO
