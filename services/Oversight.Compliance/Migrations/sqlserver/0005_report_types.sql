-- Report types: a check, a finding and a sweep are of one type of annual report. Rows stored before types existed
-- are of the rule-of-law report. NOT_DISCLOSED is then per type: a body may have published one report and not the other.
ALTER TABLE checks ADD report_type NVARCHAR(32) NOT NULL DEFAULT 'rule_of_law';
GO
ALTER TABLE findings ADD report_type NVARCHAR(32) NOT NULL DEFAULT 'rule_of_law';
GO
ALTER TABLE sweeps ADD report_type NVARCHAR(32) NOT NULL DEFAULT 'rule_of_law';
GO
