-- Copy detection's index: each checked report's current revision (its body, year, type and total passage weight),
-- its passages that may be evidence (span, excerpt and LSH keys) and the keys, clustered by key so a lookup reads
-- adjacent rows. A key held by many reports is common phrasing: it goes into reuse_common once and is no longer
-- stored or looked up; a passage with only common keys is not stored either.
CREATE TABLE reuse_reports (
    report_id TEXT NOT NULL PRIMARY KEY,
    revision INTEGER NOT NULL,
    jurisdiction_code TEXT NOT NULL,
    level TEXT NOT NULL,
    report_year INTEGER NOT NULL,
    report_type TEXT NOT NULL,
    total_weight INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE reuse_passages (
    report_id TEXT NOT NULL,
    passage_no INTEGER NOT NULL,
    section_path TEXT NOT NULL,
    start_at INTEGER NOT NULL,
    length INTEGER NOT NULL,
    weight INTEGER NOT NULL,
    excerpt TEXT NOT NULL,
    key1 INTEGER NOT NULL,
    key2 INTEGER NOT NULL,
    PRIMARY KEY (report_id, passage_no)
) WITHOUT ROWID;

CREATE TABLE reuse_keys (
    band_key INTEGER NOT NULL,
    report_id TEXT NOT NULL,
    passage_no INTEGER NOT NULL,
    PRIMARY KEY (band_key, report_id, passage_no)
) WITHOUT ROWID;

CREATE TABLE reuse_common (
    band_key INTEGER NOT NULL PRIMARY KEY
);
