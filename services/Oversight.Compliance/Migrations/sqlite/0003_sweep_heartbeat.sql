-- A running sweep beats after every batch; one whose beat is older than Compliance:Schedule:StaleAfter died with its
-- process (SIGKILL, a lost node) and is recorded as interrupted, its schedule slot released to run again.
ALTER TABLE sweeps ADD COLUMN heartbeat_at TEXT NULL;
