-- Attachments a fetched page links (PDF, Word, WPS, scans), kept with their original bytes beside the revision they
-- came with: the report is often only there, and what a later reader makes of them rests on these bytes.
CREATE TABLE report_attachments (
    report_id NVARCHAR(40) NOT NULL,
    revision INT NOT NULL,
    ordinal INT NOT NULL,
    url NVARCHAR(2000) NOT NULL,
    link_text NVARCHAR(1000) NOT NULL,
    content_type NVARCHAR(200) NOT NULL,
    sha256 NVARCHAR(64) NOT NULL,
    size BIGINT NOT NULL,
    content VARBINARY(MAX) NOT NULL,
    CONSTRAINT pk_report_attachments PRIMARY KEY (report_id, revision, ordinal),
    CONSTRAINT fk_report_attachments_revision FOREIGN KEY (report_id, revision) REFERENCES report_revisions (report_id, revision)
);
GO
