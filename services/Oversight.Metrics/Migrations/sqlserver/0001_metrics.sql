-- One row per analysed report revision, and the values extracted from it. The scope columns
-- (jurisdiction, parent, level, year, current) are copied onto each value so that aggregates read one index.
CREATE TABLE analyses (
    report_id NVARCHAR(64) NOT NULL,
    revision INT NOT NULL,
    is_current INT NOT NULL,
    jurisdiction_code NVARCHAR(12) NOT NULL,
    parent_code NVARCHAR(12) NOT NULL,
    level NVARCHAR(16) NOT NULL,
    report_year INT NOT NULL,
    catalog_version NVARCHAR(64) NOT NULL,
    value_count INT NOT NULL,
    analyzed_at NVARCHAR(32) NOT NULL,
    CONSTRAINT pk_analyses PRIMARY KEY (report_id, revision)
);
GO

CREATE INDEX ix_analyses_scope ON analyses (is_current, report_year, jurisdiction_code);
GO
CREATE INDEX ix_analyses_catalog ON analyses (catalog_version);
GO

CREATE TABLE metric_values (
    report_id NVARCHAR(64) NOT NULL,
    revision INT NOT NULL,
    ordinal INT NOT NULL,
    indicator NVARCHAR(100) NOT NULL,
    value FLOAT NOT NULL,
    value_upper FLOAT NULL,
    unit NVARCHAR(16) NOT NULL,
    qualifier NVARCHAR(16) NOT NULL,
    raw_text NVARCHAR(100) NOT NULL,
    section_path NVARCHAR(100) NOT NULL,
    span_start INT NOT NULL,
    span_length INT NOT NULL,
    excerpt NVARCHAR(MAX) NOT NULL,
    used_in_aggregate INT NOT NULL,
    is_current INT NOT NULL,
    jurisdiction_code NVARCHAR(12) NOT NULL,
    parent_code NVARCHAR(12) NOT NULL,
    level NVARCHAR(16) NOT NULL,
    report_year INT NOT NULL,
    CONSTRAINT pk_metric_values PRIMARY KEY (report_id, revision, ordinal),
    CONSTRAINT fk_metric_values_analyses FOREIGN KEY (report_id, revision) REFERENCES analyses (report_id, revision) ON DELETE CASCADE
);
GO

-- Covers every aggregate: only the values aggregates use, of current revisions.
CREATE INDEX ix_values_aggregate ON metric_values (report_year, indicator, jurisdiction_code, parent_code, level, value)
    WHERE used_in_aggregate = 1 AND is_current = 1;
GO
