-- A version of each deliverable, one more at every change of it (a version added, its agreement, its transfer,
-- its milestone renamed): an agreement recorded on the deliverable as it was before someone else added a newer
-- version is refused (412 on the API, the page shown again with the sentence) instead of agreeing what nobody saw.
ALTER TABLE deliverables ADD COLUMN version BIGINT DEFAULT 1 NOT NULL;
