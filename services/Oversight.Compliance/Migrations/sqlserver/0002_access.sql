-- API keys (only a salted hash of each secret) and the audit log of administrative actions.
CREATE TABLE api_keys (
    key_id NVARCHAR(32) NOT NULL PRIMARY KEY,
    name NVARCHAR(200) NOT NULL,
    role NVARCHAR(32) NOT NULL,
    scope NVARCHAR(12) NOT NULL,
    salt NVARCHAR(64) NOT NULL,
    hash NVARCHAR(64) NOT NULL,
    created_at NVARCHAR(32) NOT NULL,
    created_by NVARCHAR(200) NOT NULL,
    expires_at NVARCHAR(32) NULL,
    revoked_at NVARCHAR(32) NULL,
    revoked_by NVARCHAR(200) NULL
);
GO

CREATE TABLE audit_log (
    seq BIGINT IDENTITY(1,1) PRIMARY KEY,
    at NVARCHAR(32) NOT NULL,
    caller NVARCHAR(200) NOT NULL,
    role NVARCHAR(32) NOT NULL,
    action NVARCHAR(32) NOT NULL,
    target NVARCHAR(200) NOT NULL,
    jurisdiction NVARCHAR(12) NOT NULL,
    detail NVARCHAR(1000) NOT NULL
);
GO

CREATE INDEX ix_audit_log_action ON audit_log (action, seq);
GO
