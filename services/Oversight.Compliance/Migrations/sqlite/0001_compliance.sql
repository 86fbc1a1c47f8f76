-- Rule packs (every version kept), checked report revisions with what the rules looked at, findings with
-- their audit trail, the registry of bodies that must report, sweeps and the schedule slots they ran for.
CREATE TABLE rule_packs (
    pack_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    scope_prefix TEXT NOT NULL,
    yaml TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (pack_id, version)
);

CREATE TABLE checks (
    report_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    is_current INTEGER NOT NULL,
    jurisdiction_code TEXT NOT NULL,
    level TEXT NOT NULL,
    report_year INTEGER NOT NULL,
    packs_key TEXT NOT NULL,
    input TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    PRIMARY KEY (report_id, revision)
);

CREATE INDEX ix_checks_scope ON checks (is_current, report_year, jurisdiction_code);

CREATE TABLE findings (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    finding_id TEXT NOT NULL UNIQUE,
    finding_key TEXT NOT NULL,
    report_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    is_current INTEGER NOT NULL,
    jurisdiction_code TEXT NOT NULL,
    report_year INTEGER NOT NULL,
    code TEXT NOT NULL,
    severity TEXT NOT NULL,
    section_kind TEXT NOT NULL,
    message TEXT NOT NULL,
    evidence TEXT NOT NULL,
    rule_pack_id TEXT NOT NULL,
    rule_pack_version INTEGER NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sweep_id TEXT NOT NULL
);

CREATE INDEX ix_findings_report ON findings (report_id, revision);
CREATE INDEX ix_findings_scope ON findings (is_current, report_year, jurisdiction_code);

CREATE TABLE finding_actions (
    finding_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    action TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (finding_id, seq)
);

CREATE TABLE bodies (
    code TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    parent_code TEXT NOT NULL,
    kind TEXT NOT NULL,
    must_report INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX ix_bodies_reporting ON bodies (must_report, code);

CREATE TABLE sweeps (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    sweep_id TEXT NOT NULL UNIQUE,
    report_year INTEGER NOT NULL,
    as_of TEXT NOT NULL,
    scope_prefix TEXT NOT NULL,
    trigger_name TEXT NOT NULL,
    status TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NULL,
    summary TEXT NULL,
    schedule_slot TEXT NOT NULL
);

-- A schedule slot is claimed by inserting it: the primary key lets exactly one replica run it.
CREATE TABLE sweep_slots (
    slot TEXT NOT NULL PRIMARY KEY,
    sweep_id TEXT NOT NULL,
    claimed_at TEXT NOT NULL
);
