-- One counter per meeting for registration numbers: approvals lock its row in turn, so concurrent
-- approvals (on any node) get distinct consecutive numbers.
CREATE TABLE registration_counters (
  meeting_id BIGINT PRIMARY KEY REFERENCES meetings (id),
  last_number INT NOT NULL
);
