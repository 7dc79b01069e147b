-- Documents on S3-compatible storage: the multipart uploads in progress (see store.S3Uploads), each with the node
-- writing it and a lease that node renews while it lives. The stale-upload clean-up of any node aborts an upload
-- only when its lease has expired (its node is gone), or when no row knows it and it is older than the stale bound
-- (a crash between starting it and entering it here): a live upload slower than the bound is never cut.
CREATE TABLE store_uploads (
  upload_id VARCHAR(1024) NOT NULL PRIMARY KEY,
  path VARCHAR(1024) NOT NULL,
  node VARCHAR(64) NOT NULL,
  started_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX store_uploads_node ON store_uploads (node);
