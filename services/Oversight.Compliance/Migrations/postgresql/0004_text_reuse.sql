-- Copy detection's index: each checked report's current revision (its body, year, type and total passage weight),
-- its passages that may be evidence (span, excerpt and LSH keys) and the keys, clustered by key so a lookup reads
-- adjacent rows (on PostgreSQL its primary key index covers every lookup). A key held by many reports is common phrasing: it goes into reuse_common once and is no longer
-- stored or looked up; a passage with only common keys is not stored either.
CREATE TABLE reuse_reports (
    report_id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    revision BIGINT NOT NULL,
    jurisdiction_code TEXT COLLATE "C" NOT NULL,
    level TEXT COLLATE "C" NOT NULL,
    report_year BIGINT NOT NULL,
    report_type TEXT COLLATE "C" NOT NULL,
    total_weight BIGINT NOT NULL
);

CREATE TABLE reuse_passages (
    report_id TEXT COLLATE "C" NOT NULL,
    passage_no BIGINT NOT NULL,
    section_path TEXT COLLATE "C" NOT NULL,
    start_at BIGINT NOT NULL,
    length BIGINT NOT NULL,
    weight BIGINT NOT NULL,
    excerpt TEXT COLLATE "C" NOT NULL,
    key1 BIGINT NOT NULL,
    key2 BIGINT NOT NULL,
    PRIMARY KEY (report_id, passage_no)
);

CREATE TABLE reuse_keys (
    band_key BIGINT NOT NULL,
    report_id TEXT COLLATE "C" NOT NULL,
    passage_no BIGINT NOT NULL,
    PRIMARY KEY (band_key, report_id, passage_no)
);

CREATE TABLE reuse_common (
    band_key BIGINT NOT NULL PRIMARY KEY
);
