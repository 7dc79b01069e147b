-- A visa-support request can be refused, or returned to the participant for correction; either
-- carries the secretariat's reason, which the participant reads on the request's page.
ALTER TABLE visa_requests ADD COLUMN decision_reason VARCHAR(2000);
