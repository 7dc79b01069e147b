-- A registration's e-mail address is its account's: Plenary mails only addresses whose owner it knows. Registrations
-- made before carry whatever address was typed into the form (anyone's), and the mails still due for them (a
-- decision, a visa letter) would go there: they take their account's address.
UPDATE registrations SET email = (SELECT a.email FROM accounts a WHERE a.id = registrations.account_id)
WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.id = registrations.account_id AND a.email <> registrations.email);
