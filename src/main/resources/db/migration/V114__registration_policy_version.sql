-- The version of a group's registration policy, one more at every save (a group without a row is at 0): a save made
-- on the policy its editor saw is refused when someone else changed it since, instead of replacing their change.
ALTER TABLE registration_policies ADD COLUMN edit_version BIGINT DEFAULT 0 NOT NULL;
