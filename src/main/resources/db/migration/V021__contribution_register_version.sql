-- The register's version: one row, incremented by every transaction that writes the register, just
-- before it commits. Transactions holding the row's lock commit one after the other, so the version
-- grows in commit order (MAX of the audit ids did not: ids are taken in insert order, and a lower id
-- could commit after a higher one). Starts at the last audit id, so versions never repeat one seen before.
CREATE TABLE contribution_register_version (
  id INT PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO contribution_register_version (id, version)
  SELECT 1, COALESCE(MAX(id), 0) FROM contribution_events;
