-- When a meeting was last scheduled, edited or given a new agenda: an Atom feed of its documents
-- gives it as the feed's time when nothing newer happened to them.
ALTER TABLE meetings ADD COLUMN changed_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
