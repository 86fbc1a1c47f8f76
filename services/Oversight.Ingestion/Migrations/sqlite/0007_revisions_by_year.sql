-- StreamReports with a year (a compliance sweep reads one year's reports) walked every revision in seq order and tested
-- the year on each; through this index it reads that year's revisions in seq order, resuming after a page's last seq.
CREATE INDEX ix_revisions_year_seq ON report_revisions (report_year, seq);
