-- A version of the chair's paragraphs of a progress report, one more at every save: the chair and the
-- vice-chairs edit the same text, and a save made on the text as it was before someone else's is refused
-- (the page shown again with the editor's text and the sentence) instead of replacing theirs in silence.
ALTER TABLE progress_report_notes ADD COLUMN version BIGINT DEFAULT 1 NOT NULL;
