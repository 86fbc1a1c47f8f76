-- What a listing shows of a report, in columns of their own: ListReports, StreamReports and ListRevisions build
-- summaries from these instead of parsing each row's stored metadata message. Rows stored before are filled from
-- their metadata in the same transaction (Migrations/SummaryColumnsFill.cs); an empty report type becomes rule_of_law.
ALTER TABLE report_revisions ADD COLUMN issuer TEXT NOT NULL DEFAULT '';
ALTER TABLE report_revisions ADD COLUMN jurisdiction_name TEXT NOT NULL DEFAULT '';
ALTER TABLE report_revisions ADD COLUMN jurisdiction_resolution TEXT NOT NULL DEFAULT '';
ALTER TABLE report_revisions ADD COLUMN report_type TEXT NOT NULL DEFAULT 'rule_of_law';
