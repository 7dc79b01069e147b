-- Letters approved before V078 kept no record of the venue and days they state: whether their meeting moved since
-- cannot be told, and no trail holds it (meetings keep no history of their venue and days, and the approval's date
-- says nothing of them). They are marked, not guessed: the secretariat's list shows them under "Letters to re-issue"
-- with that sentence, and a re-issue gives them stated facts. Every letter approved or re-issued since states them.
ALTER TABLE visa_requests ADD COLUMN letter_facts_unknown BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE visa_requests SET letter_facts_unknown = TRUE
WHERE status = 'APPROVED' AND reference IS NOT NULL AND letter_starts IS NULL;
