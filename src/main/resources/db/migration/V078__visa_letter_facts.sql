-- What an approved visa-support letter states of its meeting, fixed at its approval: the letter a consulate
-- holds, and the check of its reference, keep saying it when the meeting later moves (NULL: approved before).
ALTER TABLE visa_requests ADD COLUMN letter_venue VARCHAR(400);
ALTER TABLE visa_requests ADD COLUMN letter_starts DATE;
ALTER TABLE visa_requests ADD COLUMN letter_ends DATE;
