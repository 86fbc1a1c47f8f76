-- Push: webhook subscriptions (the secret signs deliveries and is never returned), the events compliance stores in the
-- transaction of the change they tell of, and one delivery per event and subscription it was queued for.
CREATE TABLE push_subscriptions (
    subscription_id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    event_types TEXT NOT NULL,
    scope TEXT NOT NULL,
    format TEXT NOT NULL,
    secret TEXT NOT NULL,
    state TEXT NOT NULL,
    paused_reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    failing_since TEXT NULL,
    last_delivered_at TEXT NULL
);

CREATE TABLE push_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    subject TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    data TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_push_events_event_id ON push_events (event_id);

CREATE TABLE push_deliveries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id TEXT NOT NULL,
    subscription_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT NOT NULL,
    created_at TEXT NOT NULL,
    delivered_at TEXT NULL
);

CREATE UNIQUE INDEX ux_push_deliveries_delivery_id ON push_deliveries (delivery_id);
CREATE INDEX ix_push_deliveries_due ON push_deliveries (status, subscription_id, seq);
CREATE INDEX ix_push_deliveries_subscription ON push_deliveries (subscription_id, seq);
