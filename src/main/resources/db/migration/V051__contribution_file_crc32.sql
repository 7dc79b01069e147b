-- The CRC-32 of each uploaded file, computed by the store as the bytes arrive: a published folder's
-- manifest and ZIP need it, and on S3 reading it back at publication was a whole GET of the file.
-- NULL for files uploaded before: publication still reads those.
ALTER TABLE contribution_files ADD COLUMN crc32 BIGINT;
