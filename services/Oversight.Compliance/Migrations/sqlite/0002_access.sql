-- API keys (only a salted hash of each secret) and the audit log of administrative actions.
CREATE TABLE api_keys (
    key_id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    scope TEXT NOT NULL,
    salt TEXT NOT NULL,
    hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    expires_at TEXT NULL,
    revoked_at TEXT NULL,
    revoked_by TEXT NULL
);

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    caller TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    detail TEXT NOT NULL
);

CREATE INDEX ix_audit_log_action ON audit_log (action, seq);
