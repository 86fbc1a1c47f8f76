-- Reports, their revisions (history kept; the latest is current) and the transactional outbox.
CREATE TABLE reports (
    report_id TEXT NOT NULL PRIMARY KEY,
    identity_key TEXT NOT NULL UNIQUE,
    jurisdiction_code TEXT NULL,
    report_year INTEGER NULL,
    current_revision INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE report_revisions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id TEXT NOT NULL REFERENCES reports (report_id),
    revision INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    jurisdiction_code TEXT NULL,
    report_year INTEGER NULL,
    level TEXT NULL,
    published_at TEXT NULL,
    title TEXT NOT NULL,
    source_url TEXT NULL,
    content_type TEXT NULL,
    charset TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    forced INTEGER NOT NULL,
    section_kinds TEXT NOT NULL,
    metadata BLOB NOT NULL,
    outline BLOB NOT NULL,
    original_content BLOB NOT NULL,
    original_text TEXT NULL,
    normalized_text TEXT NOT NULL,
    UNIQUE (report_id, revision)
);

CREATE INDEX ix_revisions_scope ON report_revisions (jurisdiction_code, report_year);
CREATE INDEX ix_revisions_hash ON report_revisions (report_id, content_hash);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    target TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT NOT NULL,
    delivered_at TEXT NULL,
    last_error TEXT NULL
);

CREATE INDEX ix_outbox_pending ON outbox (delivered_at, next_attempt_at);

CREATE INDEX ix_outbox_report ON outbox (report_id, target, id);
