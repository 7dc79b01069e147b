-- Raised whenever an account's password changes: a session opened with an older password ends.
ALTER TABLE accounts ADD COLUMN credentials_version INT DEFAULT 0 NOT NULL;
