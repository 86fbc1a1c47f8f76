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

-- For recomputing one rollup cell from its values and reports.
CREATE INDEX ix_values_cell ON metric_values (report_year, level, parent_code)
    WHERE used_in_aggregate = 1 AND is_current = 1;
GO
CREATE INDEX ix_analyses_cell ON analyses (report_year, level, parent_code);
GO

-- Rollups: one row per indicator and cell (year, level, area = first 4 digits of the code, parent). Recomputed
-- from the values whenever a report of the cell changes, so aggregates over whole provinces or the country read
-- thousands of cells instead of millions of values.
CREATE TABLE aggregate_cells (
    indicator NVARCHAR(100) NOT NULL,
    report_year INT NOT NULL,
    level NVARCHAR(16) NOT NULL,
    area NVARCHAR(4) NOT NULL,
    parent_code NVARCHAR(12) NOT NULL,
    total FLOAT NOT NULL,
    smallest FLOAT NOT NULL,
    largest FLOAT NOT NULL,
    stating INT NOT NULL,
    CONSTRAINT pk_aggregate_cells PRIMARY KEY (indicator, report_year, level, area, parent_code)
);
GO

CREATE INDEX ix_aggregate_cells_cell ON aggregate_cells (report_year, level, area, parent_code);
GO

CREATE TABLE report_cells (
    report_year INT NOT NULL,
    level NVARCHAR(16) NOT NULL,
    area NVARCHAR(4) NOT NULL,
    parent_code NVARCHAR(12) NOT NULL,
    reports INT NOT NULL,
    CONSTRAINT pk_report_cells PRIMARY KEY (report_year, level, area, parent_code)
);
GO
