-- A visa-support letter re-issued after its meeting moved: the request gets a new reference (and verification code)
-- and the meeting's venue and days as they are; the letter it replaces is kept here, so that its reference, held by
-- a consulate, keeps being checked and says which reference superseded it.
-- Keyed by its verification code (80 random bits, as visa_requests'), without an identity of its own.
CREATE TABLE visa_superseded_letters (
  verification_code VARCHAR(16) PRIMARY KEY,
  request_id BIGINT NOT NULL REFERENCES visa_requests (id),
  reference VARCHAR(100) NOT NULL,
  letter_venue VARCHAR(400),
  letter_starts DATE,
  letter_ends DATE,
  approved_at TIMESTAMP WITH TIME ZONE,
  superseded_at TIMESTAMP WITH TIME ZONE NOT NULL,
  superseded_by_code VARCHAR(16) NOT NULL
);
CREATE INDEX visa_superseded_letters_request ON visa_superseded_letters (request_id);
