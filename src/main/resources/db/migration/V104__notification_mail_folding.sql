-- What a mail is about, for the kinds a user can repeat (a receipt, a take-back: kind and contribution number):
-- a newer mail about the same thing replaces one still waiting (status FOLDED), and the mails of one kind to
-- one recipient are bounded in a window (plenary.mail.fold-window, plenary.mail.fold-after). NULL: never folded.
ALTER TABLE mail_messages ADD COLUMN fold_key VARCHAR(250);
CREATE INDEX mail_messages_fold ON mail_messages (fold_key, status);
