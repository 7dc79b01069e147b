-- Room for events that name a whole batch of allocated numbers.
ALTER TABLE event_publication ALTER COLUMN serialized_event SET DATA TYPE VARCHAR(100000);
