-- Reports, their revisions (history kept; the latest is current) and the transactional outbox.
CREATE TABLE reports (
    report_id NVARCHAR(40) NOT NULL PRIMARY KEY,
    identity_key NVARCHAR(400) NOT NULL UNIQUE,
    jurisdiction_code NVARCHAR(12) NULL,
    report_year INT NULL,
    current_revision INT NOT NULL,
    created_at NVARCHAR(40) NOT NULL
);
GO
CREATE TABLE report_revisions (
    seq BIGINT IDENTITY(1, 1) PRIMARY KEY,
    report_id NVARCHAR(40) NOT NULL REFERENCES reports (report_id),
    revision INT NOT NULL,
    content_hash NVARCHAR(64) NOT NULL,
    jurisdiction_code NVARCHAR(12) NULL,
    report_year INT NULL,
    level NVARCHAR(20) NULL,
    published_at NVARCHAR(40) NULL,
    title NVARCHAR(400) NOT NULL,
    source_url NVARCHAR(2000) NULL,
    content_type NVARCHAR(200) NULL,
    charset NVARCHAR(40) NOT NULL,
    submitted_by NVARCHAR(200) NOT NULL,
    submitted_at NVARCHAR(40) NOT NULL,
    forced BIT NOT NULL,
    section_kinds NVARCHAR(400) NOT NULL,
    metadata VARBINARY(MAX) NOT NULL,
    outline VARBINARY(MAX) NOT NULL,
    original_content VARBINARY(MAX) NOT NULL,
    original_text NVARCHAR(MAX) NULL,
    normalized_text NVARCHAR(MAX) NOT NULL,
    UNIQUE (report_id, revision)
);
GO
CREATE INDEX ix_revisions_scope ON report_revisions (jurisdiction_code, report_year);
GO
CREATE INDEX ix_revisions_hash ON report_revisions (report_id, content_hash);
GO
CREATE TABLE outbox (
    id BIGINT IDENTITY(1, 1) PRIMARY KEY,
    report_id NVARCHAR(40) NOT NULL,
    revision INT NOT NULL,
    target NVARCHAR(20) NOT NULL,
    created_at NVARCHAR(40) NOT NULL,
    attempts INT NOT NULL,
    next_attempt_at NVARCHAR(40) NOT NULL,
    delivered_at NVARCHAR(40) NULL,
    last_error NVARCHAR(2000) NULL
);
GO
CREATE INDEX ix_outbox_pending ON outbox (delivered_at, next_attempt_at);
GO
CREATE INDEX ix_outbox_report ON outbox (report_id, target, id);
