-- The account's preferred language (BCP 47 tag of one of the six UN languages); NULL = not chosen.
ALTER TABLE accounts ADD COLUMN language VARCHAR(16);
