-- CountReports reads one year's current reports in a code range (an overview of a province per city): through this
-- index it reads the year's rows of that range, not every year's.
CREATE INDEX ix_reports_year_code ON reports (report_year, jurisdiction_code);
