-- What the watcher has seen: each report article with its validators, the hash of what was submitted and when the
-- platform first saw it (the evidence a deadline turns on); list pages with their validators and the links they held
-- (so a 304 still yields them); hosts that keep failing, with their back-off; and each pass's counts.
CREATE TABLE watched_articles (
    url NVARCHAR(850) NOT NULL PRIMARY KEY,
    body_code NVARCHAR(40) NOT NULL,
    report_type NVARCHAR(32) NOT NULL,
    report_year INT NOT NULL,
    title NVARCHAR(MAX) NOT NULL,
    etag NVARCHAR(MAX) NULL,
    last_modified NVARCHAR(MAX) NULL,
    content_sha256 NVARCHAR(MAX) NULL,
    first_seen_at NVARCHAR(MAX) NOT NULL,
    last_fetched_at NVARCHAR(MAX) NOT NULL,
    report_id NVARCHAR(MAX) NULL,
    revision INT NOT NULL,
    last_error NVARCHAR(MAX) NULL
);

CREATE INDEX ix_watched_articles_body ON watched_articles (body_code, report_type, report_year);

CREATE TABLE watched_lists (
    url NVARCHAR(850) NOT NULL PRIMARY KEY,
    etag NVARCHAR(MAX) NULL,
    last_modified NVARCHAR(MAX) NULL,
    links NVARCHAR(MAX) NOT NULL,
    fetched_at NVARCHAR(MAX) NOT NULL
);

CREATE TABLE watch_hosts (
    host NVARCHAR(400) NOT NULL PRIMARY KEY,
    consecutive_failures INT NOT NULL,
    last_error NVARCHAR(MAX) NOT NULL,
    retry_after NVARCHAR(MAX) NOT NULL
);

CREATE TABLE watch_passes (
    pass_id NVARCHAR(40) NOT NULL PRIMARY KEY,
    started_at NVARCHAR(40) NOT NULL,
    summary VARBINARY(MAX) NOT NULL
);
GO
