-- Copy detection's index: each checked report's current revision (its body, year, type and total passage weight),
-- its passages that may be evidence (span, excerpt and LSH keys) and the keys, clustered by key so a lookup reads
-- adjacent rows. A key held by many reports is common phrasing: it goes into reuse_common once and is no longer
-- stored or looked up; a passage with only common keys is not stored either.
CREATE TABLE reuse_reports (
    report_id NVARCHAR(64) NOT NULL PRIMARY KEY,
    revision INT NOT NULL,
    jurisdiction_code NVARCHAR(40) NOT NULL,
    level NVARCHAR(16) NOT NULL,
    report_year INT NOT NULL,
    report_type NVARCHAR(32) NOT NULL,
    total_weight INT NOT NULL
);
GO

CREATE TABLE reuse_passages (
    report_id NVARCHAR(64) NOT NULL,
    passage_no INT NOT NULL,
    section_path NVARCHAR(200) NOT NULL,
    start_at INT NOT NULL,
    length INT NOT NULL,
    weight INT NOT NULL,
    excerpt NVARCHAR(400) NOT NULL,
    key1 BIGINT NOT NULL,
    key2 BIGINT NOT NULL,
    PRIMARY KEY (report_id, passage_no)
);
GO

CREATE TABLE reuse_keys (
    band_key BIGINT NOT NULL,
    report_id NVARCHAR(64) NOT NULL,
    passage_no INT NOT NULL,
    PRIMARY KEY (band_key, report_id, passage_no)
);
GO

CREATE TABLE reuse_common (
    band_key BIGINT NOT NULL PRIMARY KEY
);
GO
