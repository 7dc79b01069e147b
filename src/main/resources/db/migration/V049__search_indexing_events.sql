-- The search index's listener no longer goes through the event publication registry (its catch-up
-- finds every change in the register): publications kept for it by an earlier version, never
-- completed, have no listener left to complete them.
DELETE FROM event_publication WHERE listener_id LIKE 'org.plenary.search.IndexingListener.%' AND completion_date IS NULL;
