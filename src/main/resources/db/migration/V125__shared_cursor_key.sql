-- Keys every node of one installation shares, made by the first node that starts (shared.CursorKey): the key of
-- the HMAC that signs the API's list cursors, so that a cursor one node gave is taken by every other, and a cursor
-- no node gave is refused.
CREATE TABLE site_keys (
  name VARCHAR(100) PRIMARY KEY,
  secret VARCHAR(200) NOT NULL
);

-- The keyed reads of an audit trail and a term's history (WHERE parent = ? AND id > ? ORDER BY id LIMIT ?) read
-- their page from an index in that order on PostgreSQL too, not the whole table sorted.
CREATE INDEX contribution_events_contribution_id_id ON contribution_events (contribution_id, id);
CREATE INDEX term_history_term_id_id ON term_history (term_id, id);

-- The lists read by key, each in its order: groups by acronym, a group's meetings by start date (both then by id).
CREATE INDEX plenary_groups_acronym_id ON plenary_groups (acronym, id);
CREATE INDEX meetings_group_start_id ON meetings (group_id, start_date, id);
CREATE INDEX registrations_meeting_name_id ON registrations (meeting_id, full_name, id);
CREATE INDEX meeting_circulars_meeting_id ON meeting_circulars (meeting_id, id);
CREATE INDEX deliverables_group_id ON deliverables (group_id, id);
CREATE INDEX visa_reissue_requests_request_asked_id ON visa_reissue_requests (request_id, asked_at, id);
