-- The version of an organization's focal points, one more at every appointment and removal (the end of one by the
-- account's move included): an appointment or removal made on the list its administrator read is refused when
-- someone else changed the list since, instead of doubling or undoing their decision in silence.
ALTER TABLE organizations ADD COLUMN focal_points_version BIGINT DEFAULT 0 NOT NULL;
