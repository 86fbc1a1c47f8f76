-- Rule packs (every version kept), checked report revisions with what the rules looked at, findings with
-- their audit trail, the registry of bodies that must report, sweeps and the schedule slots they ran for.
CREATE TABLE rule_packs (
    pack_id NVARCHAR(64) NOT NULL,
    version INT NOT NULL,
    scope_prefix NVARCHAR(12) NOT NULL,
    yaml NVARCHAR(MAX) NOT NULL,
    updated_at NVARCHAR(32) NOT NULL,
    updated_by NVARCHAR(200) NOT NULL,
    PRIMARY KEY (pack_id, version)
);
GO

CREATE TABLE checks (
    report_id NVARCHAR(64) NOT NULL,
    revision INT NOT NULL,
    is_current INT NOT NULL,
    jurisdiction_code NVARCHAR(40) NOT NULL,
    level NVARCHAR(16) NOT NULL,
    report_year INT NOT NULL,
    packs_key NVARCHAR(400) NOT NULL,
    input NVARCHAR(MAX) NOT NULL,
    checked_at NVARCHAR(32) NOT NULL,
    PRIMARY KEY (report_id, revision)
);
GO

CREATE INDEX ix_checks_scope ON checks (is_current, report_year, jurisdiction_code);
GO

CREATE TABLE findings (
    seq BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
    finding_id NVARCHAR(40) NOT NULL UNIQUE,
    finding_key NVARCHAR(200) NOT NULL,
    report_id NVARCHAR(64) NOT NULL,
    revision INT NOT NULL,
    is_current INT NOT NULL,
    jurisdiction_code NVARCHAR(40) NOT NULL,
    report_year INT NOT NULL,
    code NVARCHAR(40) NOT NULL,
    severity NVARCHAR(16) NOT NULL,
    section_kind NVARCHAR(32) NOT NULL,
    message NVARCHAR(MAX) NOT NULL,
    evidence NVARCHAR(MAX) NOT NULL,
    rule_pack_id NVARCHAR(64) NOT NULL,
    rule_pack_version INT NOT NULL,
    status NVARCHAR(16) NOT NULL,
    created_at NVARCHAR(32) NOT NULL,
    sweep_id NVARCHAR(40) NOT NULL
);
GO

CREATE INDEX ix_findings_report ON findings (report_id, revision);
GO
CREATE INDEX ix_findings_scope ON findings (is_current, report_year, jurisdiction_code);
GO

CREATE TABLE finding_actions (
    finding_id NVARCHAR(40) NOT NULL,
    seq INT NOT NULL,
    action NVARCHAR(16) NOT NULL,
    reason NVARCHAR(MAX) NOT NULL,
    actor NVARCHAR(200) NOT NULL,
    at NVARCHAR(32) NOT NULL,
    PRIMARY KEY (finding_id, seq)
);
GO

CREATE TABLE bodies (
    code NVARCHAR(40) NOT NULL PRIMARY KEY,
    name NVARCHAR(200) NOT NULL,
    level NVARCHAR(16) NOT NULL,
    parent_code NVARCHAR(40) NOT NULL,
    kind NVARCHAR(32) NOT NULL,
    must_report INT NOT NULL,
    updated_at NVARCHAR(32) NOT NULL
);
GO

CREATE INDEX ix_bodies_reporting ON bodies (must_report, code);
GO

CREATE TABLE sweeps (
    seq BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
    sweep_id NVARCHAR(40) NOT NULL UNIQUE,
    report_year INT NOT NULL,
    as_of NVARCHAR(10) NOT NULL,
    scope_prefix NVARCHAR(12) NOT NULL,
    trigger_name NVARCHAR(100) NOT NULL,
    status NVARCHAR(16) NOT NULL,
    started_at NVARCHAR(32) NOT NULL,
    finished_at NVARCHAR(32) NULL,
    summary NVARCHAR(MAX) NULL,
    schedule_slot NVARCHAR(100) NOT NULL
);
GO

-- A schedule slot is claimed by inserting it: the primary key lets exactly one replica run it.
CREATE TABLE sweep_slots (
    slot NVARCHAR(100) NOT NULL PRIMARY KEY,
    sweep_id NVARCHAR(40) NOT NULL,
    claimed_at NVARCHAR(32) NOT NULL
);
GO
