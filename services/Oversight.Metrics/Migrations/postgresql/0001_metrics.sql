-- One row per analysed report revision, and the values extracted from it. The scope columns
-- (jurisdiction, parent, level, year, current) are copied onto each value so that aggregates read one index.
CREATE TABLE analyses (
    report_id TEXT COLLATE "C" NOT NULL,
    revision BIGINT NOT NULL,
    is_current BIGINT NOT NULL,
    jurisdiction_code TEXT COLLATE "C" NOT NULL,
    parent_code TEXT COLLATE "C" NOT NULL,
    level TEXT COLLATE "C" NOT NULL,
    report_year BIGINT NOT NULL,
    catalog_version TEXT COLLATE "C" NOT NULL,
    value_count BIGINT NOT NULL,
    analyzed_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (report_id, revision)
);

CREATE INDEX ix_analyses_scope ON analyses (is_current, report_year, jurisdiction_code);
CREATE INDEX ix_analyses_catalog ON analyses (catalog_version);

CREATE TABLE metric_values (
    report_id TEXT COLLATE "C" NOT NULL,
    revision BIGINT NOT NULL,
    ordinal BIGINT NOT NULL,
    indicator TEXT COLLATE "C" NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    value_upper DOUBLE PRECISION NULL,
    unit TEXT COLLATE "C" NOT NULL,
    qualifier TEXT COLLATE "C" NOT NULL,
    raw_text TEXT COLLATE "C" NOT NULL,
    section_path TEXT COLLATE "C" NOT NULL,
    span_start BIGINT NOT NULL,
    span_length BIGINT NOT NULL,
    excerpt TEXT COLLATE "C" NOT NULL,
    used_in_aggregate BIGINT NOT NULL,
    is_current BIGINT NOT NULL,
    jurisdiction_code TEXT COLLATE "C" NOT NULL,
    parent_code TEXT COLLATE "C" NOT NULL,
    level TEXT COLLATE "C" NOT NULL,
    report_year BIGINT NOT NULL,
    PRIMARY KEY (report_id, revision, ordinal),
    FOREIGN KEY (report_id, revision) REFERENCES analyses (report_id, revision) ON DELETE CASCADE
);

-- Covers every aggregate: only the values aggregates use, of current revisions.
CREATE INDEX ix_values_aggregate ON metric_values (report_year, indicator, jurisdiction_code, parent_code, level, value)
    WHERE used_in_aggregate = 1 AND is_current = 1;

-- For recomputing one rollup cell from its values and reports.
CREATE INDEX ix_values_cell ON metric_values (report_year, level, parent_code)
    WHERE used_in_aggregate = 1 AND is_current = 1;
CREATE INDEX ix_analyses_cell ON analyses (report_year, level, parent_code);

-- Rollups: one row per indicator and cell (year, level, area = first 4 digits of the code, parent). Recomputed
-- from the values whenever a report of the cell changes, so aggregates over whole provinces or the country read
-- thousands of cells instead of millions of values.
CREATE TABLE aggregate_cells (
    indicator TEXT COLLATE "C" NOT NULL,
    report_year BIGINT NOT NULL,
    level TEXT COLLATE "C" NOT NULL,
    area TEXT COLLATE "C" NOT NULL,
    parent_code TEXT COLLATE "C" NOT NULL,
    total DOUBLE PRECISION NOT NULL,
    smallest DOUBLE PRECISION NOT NULL,
    largest DOUBLE PRECISION NOT NULL,
    stating BIGINT NOT NULL,
    PRIMARY KEY (indicator, report_year, level, area, parent_code)
);

CREATE INDEX ix_aggregate_cells_cell ON aggregate_cells (report_year, level, area, parent_code);

CREATE TABLE report_cells (
    report_year BIGINT NOT NULL,
    level TEXT COLLATE "C" NOT NULL,
    area TEXT COLLATE "C" NOT NULL,
    parent_code TEXT COLLATE "C" NOT NULL,
    reports BIGINT NOT NULL,
    PRIMARY KEY (report_year, level, area, parent_code)
);
