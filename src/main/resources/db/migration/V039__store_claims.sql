-- Documents on S3-compatible storage: the names taken in the bucket. S3 (and S3Proxy) may not honour a
-- conditional write, so the database decides who takes a name: a path is inserted once, before its
-- object is completed, and only the one node whose insert succeeds writes the object.
CREATE TABLE store_claims (
  path VARCHAR(1024) PRIMARY KEY,
  claimed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
