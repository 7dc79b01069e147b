-- A registration's version, one more at every change of it (its organization corrected, approved, rejected):
-- an approval or refusal is made on the registration as its decider saw it, and a correction on the one its
-- administrator read; a registration changed since is not decided, nor corrected, in silence.
ALTER TABLE registrations ADD COLUMN edit_version BIGINT DEFAULT 0 NOT NULL;
