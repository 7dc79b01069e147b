-- A page of the API's register follows each number series of the meeting on its own (an output
-- numbered after the reader passed a higher input number must still come): a page reads a range of
-- this index for each series instead of every row of the meeting before its position.
CREATE INDEX contributions_meeting_series_order ON contributions (meeting_id, series, seq_no);
