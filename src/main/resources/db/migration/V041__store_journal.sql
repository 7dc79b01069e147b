-- Documents on S3-compatible storage: the move journals (see store.S3Journals). Each move a transaction is about to
-- make is written here, in a transaction of its own, before it is made, and deleted once the transaction is settled.
-- In the database rather than as objects of the bucket: a row costs a fraction of an S3 request, and every node sees it.
CREATE TABLE store_journal (
  journal VARCHAR(64) NOT NULL,
  seq BIGINT NOT NULL,
  from_path VARCHAR(1024) NOT NULL,
  to_path VARCHAR(1024) NOT NULL,
  written_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (journal, seq)
);
