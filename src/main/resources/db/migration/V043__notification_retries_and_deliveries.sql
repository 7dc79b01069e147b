-- A message refused by SMTP for a passing reason is tried again later: how often so far, and when next.
ALTER TABLE mail_messages ADD COLUMN attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE mail_messages ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;

-- A message's attachment, kept beside it so that a retry sends the same file as the first attempt.
CREATE TABLE mail_attachments (
  message_id BIGINT NOT NULL PRIMARY KEY,
  file_name VARCHAR(300) NOT NULL,
  content_type VARCHAR(100) NOT NULL,
  bytes BYTEA NOT NULL,
  CONSTRAINT mail_attachments_message FOREIGN KEY (message_id) REFERENCES mail_messages (id) ON DELETE CASCADE
);

-- Who was mailed for what (an event and, for an event about several things, the thing): an event
-- delivered again (republished at a restart) mails nobody a second time.
CREATE TABLE mail_deliveries (
  occasion VARCHAR(200) NOT NULL,
  recipient VARCHAR(320) NOT NULL,
  message_id BIGINT NOT NULL,
  CONSTRAINT mail_deliveries_pk PRIMARY KEY (occasion, recipient),
  CONSTRAINT mail_deliveries_message FOREIGN KEY (message_id) REFERENCES mail_messages (id) ON DELETE CASCADE
);
