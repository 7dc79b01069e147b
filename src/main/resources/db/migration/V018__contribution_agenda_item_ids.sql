-- A contribution names its agenda items by their ids. Until now it kept their numbers, as text
-- ("1,3": item numbers, one-based, in the agenda of the contribution's meeting), so editing the
-- agenda moved documents to other items; each number becomes the id of the item at that place.
CREATE TABLE contribution_agenda_items (
  contribution_id BIGINT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
  agenda_item_id BIGINT NOT NULL REFERENCES meeting_agenda_items (id),
  PRIMARY KEY (contribution_id, agenda_item_id)
);
CREATE INDEX contribution_agenda_items_item ON contribution_agenda_items (agenda_item_id);

INSERT INTO contribution_agenda_items (contribution_id, agenda_item_id)
  SELECT c.id, a.id FROM contributions c JOIN meeting_agenda_items a ON a.meeting_id = c.meeting_id
  WHERE c.agenda_items IS NOT NULL
    AND (',' || REPLACE(c.agenda_items, ' ', '') || ',') LIKE ('%,' || CAST(a.ordinal + 1 AS VARCHAR(12)) || ',%');

ALTER TABLE contributions DROP COLUMN agenda_items;
