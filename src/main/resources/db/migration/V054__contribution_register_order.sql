-- A meeting's register in its order (number, then row): a page of the API's register reads a range
-- of this index instead of every contribution of the meeting.
CREATE INDEX contributions_meeting_order ON contributions (meeting_id, seq_no, id);
