-- A version per group and per meeting, one more at every change (details, translations, agenda), so that
-- an edit made on what its editor read is refused when someone else changed it meanwhile (If-Match on the
-- API, a hidden field on the pages) instead of silently overwriting their change.
ALTER TABLE plenary_groups ADD COLUMN edit_version BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE meetings ADD COLUMN edit_version BIGINT DEFAULT 0 NOT NULL;
