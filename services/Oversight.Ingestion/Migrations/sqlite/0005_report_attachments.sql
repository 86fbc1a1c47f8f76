-- Attachments a fetched page links (PDF, Word, WPS, scans), kept with their original bytes beside the revision they
-- came with: the report is often only there, and what a later reader makes of them rests on these bytes.
CREATE TABLE report_attachments (
    report_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    url TEXT NOT NULL,
    link_text TEXT NOT NULL,
    content_type TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (report_id, revision, ordinal),
    FOREIGN KEY (report_id, revision) REFERENCES report_revisions (report_id, revision)
);
