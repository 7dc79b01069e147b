-- Manifest format 2 (archive module): a version's signature covers its header and a digest of its
-- entries (entries_sha256, a chain extended by each version's change) instead of every entry, so a
-- version costs its change and not the folder's size. Versions written before stay format 1 and keep
-- verifying as they were. A format-2 version's served size is known at its first read (size_bytes NULL).
ALTER TABLE archive_manifests ADD COLUMN manifest_format INT DEFAULT 1 NOT NULL;
ALTER TABLE archive_manifests ADD COLUMN entries_sha256 CHAR(64);
ALTER TABLE archive_manifests ALTER COLUMN size_bytes DROP NOT NULL;
