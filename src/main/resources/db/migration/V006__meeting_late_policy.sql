-- What a meeting does with contributions uploaded after its deadline: FLAG them or REFUSE them.
ALTER TABLE meetings ADD COLUMN late_policy VARCHAR(10) DEFAULT 'FLAG' NOT NULL;
