-- An account's numbers for a meeting: the cap on numbers allocated and never uploaded
-- (plenary.contributions.max-unused-numbers) reads a range of this index at each allocation.
CREATE INDEX contributions_allocated_by ON contributions (allocated_by, meeting_id);
