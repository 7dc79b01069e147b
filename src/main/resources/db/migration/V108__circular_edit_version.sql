-- A circular draft's version, one more at every edit: an edit is made on the draft its editor read, and a draft is
-- issued (frozen, mailed to every focal point) as the issuer read it; one changed since is not replaced or issued in
-- silence.
ALTER TABLE meeting_circulars ADD COLUMN edit_version BIGINT DEFAULT 0 NOT NULL;
