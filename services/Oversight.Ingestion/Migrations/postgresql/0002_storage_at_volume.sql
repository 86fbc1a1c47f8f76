-- What millions of notifications need: the pending index holds only undelivered rows, so claiming stays an index
-- probe however many were delivered, and moving a lease touches no index (the update stays on its page).
DROP INDEX ix_outbox_pending;

CREATE INDEX ix_outbox_due ON outbox (id) WHERE delivered_at IS NULL;

-- Report texts compress with lz4 instead of pglz: in the ingest load run pglz was the server's largest cost
-- (9.6 s of server CPU for 11,000 reports, 5.8 s with lz4). Servers before 14, or built without lz4 (some
-- PostgreSQL-compatible ones), keep pglz: same data, more CPU.
DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 140000 THEN
        EXECUTE 'ALTER TABLE report_revisions
            ALTER COLUMN metadata SET COMPRESSION lz4,
            ALTER COLUMN outline SET COMPRESSION lz4,
            ALTER COLUMN original_content SET COMPRESSION lz4,
            ALTER COLUMN original_text SET COMPRESSION lz4,
            ALTER COLUMN normalized_text SET COMPRESSION lz4';
    END IF;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    NULL;
END
$$;
