-- Numbers are looked up whatever their case (fg-cloud-i-0001): an upper-case key with its own
-- index, so that a look-up never reads the whole table.
ALTER TABLE contributions ADD COLUMN number_key VARCHAR(80);
UPDATE contributions SET number_key = UPPER(number);
ALTER TABLE contributions ALTER COLUMN number_key SET NOT NULL;
CREATE UNIQUE INDEX contributions_upper_number ON contributions (number_key);
CREATE INDEX contributions_by_group ON contributions (group_id);
