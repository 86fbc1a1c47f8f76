-- What millions of notifications need: the pending index holds only undelivered rows, so claiming stays an index
-- probe however many were delivered, and moving a lease touches no index.
DROP INDEX ix_outbox_pending ON outbox;
GO

CREATE INDEX ix_outbox_due ON outbox (id) WHERE delivered_at IS NULL;
