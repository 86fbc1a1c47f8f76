-- What a listing shows of a report, in columns of their own: ListReports, StreamReports and ListRevisions build
-- summaries from these instead of parsing each row's stored metadata message. Rows stored before are filled from
-- their metadata in the same transaction (Migrations/SummaryColumnsFill.cs); an empty report type becomes rule_of_law.
ALTER TABLE report_revisions ADD issuer NVARCHAR(400) NOT NULL DEFAULT '';
GO
ALTER TABLE report_revisions ADD jurisdiction_name NVARCHAR(200) NOT NULL DEFAULT '';
GO
ALTER TABLE report_revisions ADD jurisdiction_resolution NVARCHAR(20) NOT NULL DEFAULT '';
GO
ALTER TABLE report_revisions ADD report_type NVARCHAR(40) NOT NULL DEFAULT 'rule_of_law';
GO
