-- How the platform fetched a revision (metadata.fetch: addresses, fetch time, first sighting, validators, attachments),
-- beside the other summary columns, so that ListRevisions and the listings carry the evidence a deadline turns on
-- (compliance dates a revision by when it was seen) without parsing the metadata message. Null for a revision the
-- platform did not fetch; no revision stored before this migration has fetch evidence (it came in the same release).
ALTER TABLE report_revisions ADD fetch_evidence VARBINARY(MAX) NULL;
