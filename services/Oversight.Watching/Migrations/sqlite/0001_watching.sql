-- What the watcher has seen: each report article with its validators, the hash of what was submitted and when the
-- platform first saw it (the evidence a deadline turns on); list pages with their validators and the links they held
-- (so a 304 still yields them); hosts that keep failing, with their back-off; and each pass's counts.
CREATE TABLE watched_articles (
    url TEXT NOT NULL PRIMARY KEY,
    body_code TEXT NOT NULL,
    report_type TEXT NOT NULL,
    report_year INTEGER NOT NULL,
    title TEXT NOT NULL,
    etag TEXT NULL,
    last_modified TEXT NULL,
    content_sha256 TEXT NULL,
    first_seen_at TEXT NOT NULL,
    last_fetched_at TEXT NOT NULL,
    report_id TEXT NULL,
    revision INTEGER NOT NULL,
    last_error TEXT NULL
);

CREATE INDEX ix_watched_articles_body ON watched_articles (body_code, report_type, report_year);

CREATE TABLE watched_lists (
    url TEXT NOT NULL PRIMARY KEY,
    etag TEXT NULL,
    last_modified TEXT NULL,
    links TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);

CREATE TABLE watch_hosts (
    host TEXT NOT NULL PRIMARY KEY,
    consecutive_failures INTEGER NOT NULL,
    last_error TEXT NOT NULL,
    retry_after TEXT NOT NULL
);

CREATE TABLE watch_passes (
    pass_id TEXT NOT NULL PRIMARY KEY,
    started_at TEXT NOT NULL,
    summary BLOB NOT NULL
);
