-- One row per analysed report revision, and the values extracted from it. The scope columns
-- (jurisdiction, parent, level, year, current) are copied onto each value so that aggregates read one index.
CREATE TABLE analyses (
    report_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    is_current INTEGER NOT NULL,
    jurisdiction_code TEXT NOT NULL,
    parent_code TEXT NOT NULL,
    level TEXT NOT NULL,
    report_year INTEGER NOT NULL,
    catalog_version TEXT NOT NULL,
    value_count INTEGER NOT NULL,
    analyzed_at TEXT NOT NULL,
    PRIMARY KEY (report_id, revision)
);

CREATE INDEX ix_analyses_scope ON analyses (is_current, report_year, jurisdiction_code);
CREATE INDEX ix_analyses_catalog ON analyses (catalog_version);

CREATE TABLE metric_values (
    report_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    indicator TEXT NOT NULL,
    value REAL NOT NULL,
    value_upper REAL NULL,
    unit TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    raw_text TEXT NOT NULL,
    section_path TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_length INTEGER NOT NULL,
    excerpt TEXT NOT NULL,
    used_in_aggregate INTEGER NOT NULL,
    is_current INTEGER NOT NULL,
    jurisdiction_code TEXT NOT NULL,
    parent_code TEXT NOT NULL,
    level TEXT NOT NULL,
    report_year INTEGER NOT NULL,
    PRIMARY KEY (report_id, revision, ordinal),
    FOREIGN KEY (report_id, revision) REFERENCES analyses (report_id, revision) ON DELETE CASCADE
);

-- Covers every aggregate: only the values aggregates use, of current revisions.
CREATE INDEX ix_values_aggregate ON metric_values (report_year, indicator, jurisdiction_code, parent_code, level, value)
    WHERE used_in_aggregate = 1 AND is_current = 1;
