-- The W3C traceparent of the call that stored the report: its delivery to metrics and compliance continues that
-- trace, so one report can be followed from ingestion through the outbox to both receivers.
ALTER TABLE outbox ADD trace_parent NVARCHAR(64) NULL;
GO
