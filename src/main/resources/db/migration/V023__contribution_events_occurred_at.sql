-- Each node's search index catches up with the register by the actions that happened since its
-- last look (contribution.RegisterChanges#changedSince): an index keeps that look-up short.
CREATE INDEX contribution_events_occurred ON contribution_events (occurred_at);
