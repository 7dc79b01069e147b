-- Output documents: a second number series per group (FG-Cloud-O-0001), kept apart from the input
-- series so that each stays consecutive; published into <meeting>/out/. An output document has a
-- type and names the input documents it answers.
CREATE TABLE output_series (
  group_id BIGINT PRIMARY KEY REFERENCES plenary_groups (id),
  prefix VARCHAR(60) NOT NULL,
  last_number INT NOT NULL
);

ALTER TABLE contributions ADD COLUMN series CHAR(1) DEFAULT 'I' NOT NULL;
ALTER TABLE contributions DROP CONSTRAINT contributions_sequence_unique;
ALTER TABLE contributions ADD CONSTRAINT contributions_series_sequence_unique UNIQUE (group_id, series, seq_no);

CREATE TABLE output_documents (
  contribution_id BIGINT PRIMARY KEY REFERENCES contributions (id),
  output_type VARCHAR(30) NOT NULL
);

CREATE TABLE output_answers (
  contribution_id BIGINT NOT NULL REFERENCES contributions (id),
  ordinal INT NOT NULL,
  input_number VARCHAR(80) NOT NULL,
  PRIMARY KEY (contribution_id, ordinal)
);
