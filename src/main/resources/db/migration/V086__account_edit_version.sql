-- A version per account, one more at every change of its roles, whether it is enabled, its language or its
-- password: an administrator's edit made on what they read is refused when someone else changed the account
-- meanwhile (If-Match on the API, a hidden field on the accounts page) instead of silently replacing their change.
ALTER TABLE accounts ADD COLUMN edit_version BIGINT DEFAULT 0 NOT NULL;
