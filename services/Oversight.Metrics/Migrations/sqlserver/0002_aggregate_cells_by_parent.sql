-- A year's table by parent (country-wide: ~100,000 group and indicator rows) read in the order it groups by, from
-- the index alone: no sort and no key lookups.
CREATE INDEX ix_aggregate_cells_by_parent ON aggregate_cells (report_year, parent_code, indicator) INCLUDE (total, smallest, largest, stating);
