-- The version of a group's announcement rules, one more at every save (a group without a row is at 0): a save made
-- on the rules its editor read is refused when someone else changed them since, instead of replacing their change.
ALTER TABLE meeting_announcement_rules ADD COLUMN edit_version BIGINT DEFAULT 0 NOT NULL;
