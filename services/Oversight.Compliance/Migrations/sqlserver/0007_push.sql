-- Push: webhook subscriptions (the secret signs deliveries and is never returned), the events compliance stores in the
-- transaction of the change they tell of, and one delivery per event and subscription it was queued for.
CREATE TABLE push_subscriptions (
    subscription_id NVARCHAR(32) NOT NULL PRIMARY KEY,
    name NVARCHAR(200) NOT NULL,
    url NVARCHAR(2000) NOT NULL,
    event_types NVARCHAR(200) NOT NULL,
    scope NVARCHAR(12) NOT NULL,
    format NVARCHAR(16) NOT NULL,
    secret NVARCHAR(200) NOT NULL,
    state NVARCHAR(16) NOT NULL,
    paused_reason NVARCHAR(32) NOT NULL,
    created_at NVARCHAR(32) NOT NULL,
    created_by NVARCHAR(200) NOT NULL,
    failing_since NVARCHAR(32) NULL,
    last_delivered_at NVARCHAR(32) NULL
);
GO

CREATE TABLE push_events (
    seq BIGINT IDENTITY(1,1) PRIMARY KEY,
    event_id NVARCHAR(32) NOT NULL,
    event_type NVARCHAR(32) NOT NULL,
    jurisdiction NVARCHAR(12) NOT NULL,
    subject NVARCHAR(200) NOT NULL,
    occurred_at NVARCHAR(32) NOT NULL,
    data NVARCHAR(MAX) NOT NULL
);
GO

CREATE UNIQUE INDEX ux_push_events_event_id ON push_events (event_id);
GO

CREATE TABLE push_deliveries (
    seq BIGINT IDENTITY(1,1) PRIMARY KEY,
    delivery_id NVARCHAR(32) NOT NULL,
    subscription_id NVARCHAR(32) NOT NULL,
    event_id NVARCHAR(32) NOT NULL,
    status NVARCHAR(16) NOT NULL,
    attempts BIGINT NOT NULL,
    next_attempt_at NVARCHAR(32) NOT NULL,
    last_error NVARCHAR(1000) NOT NULL,
    created_at NVARCHAR(32) NOT NULL,
    delivered_at NVARCHAR(32) NULL
);
GO

CREATE UNIQUE INDEX ux_push_deliveries_delivery_id ON push_deliveries (delivery_id);
GO
CREATE INDEX ix_push_deliveries_due ON push_deliveries (status, subscription_id, seq);
GO
CREATE INDEX ix_push_deliveries_subscription ON push_deliveries (subscription_id, seq);
GO
