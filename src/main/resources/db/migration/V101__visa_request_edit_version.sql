-- A visa request's version, one more at every change of it (sent again with new details, returned, refused,
-- approved, its letter re-issued, its passport purged): a decision is made on the request as the secretary read it;
-- one changed since is not decided in silence.
ALTER TABLE visa_requests ADD COLUMN edit_version BIGINT DEFAULT 0 NOT NULL;
