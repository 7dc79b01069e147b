-- Each account's address in lower case, indexed: the languages of a mail's recipients are looked up by
-- address compared in lower case, which on LOWER(email) read every account (H2 has no index on an
-- expression). Written by the application with the address, from then on.
ALTER TABLE accounts ADD COLUMN email_key VARCHAR(254);
UPDATE accounts SET email_key = LOWER(email);
ALTER TABLE accounts ALTER COLUMN email_key SET NOT NULL;
CREATE INDEX accounts_by_email_key ON accounts (email_key);
