-- A year's table by parent (country-wide: ~100,000 group and indicator rows) read in the order it groups by, from
-- the index alone: no temporary sort and no table lookups. 100,000 reports, 2025 by parent: the query alone took
-- half of the call before.
CREATE INDEX ix_aggregate_cells_by_parent ON aggregate_cells (report_year, parent_code, indicator, total, smallest, largest, stating);
