-- Authentication arrives: every account has a password hash from now on. Accounts created before have none and
-- get '!', which no password matches (PasswordHasher.NO_PASSWORD): they stay locked until an ADMIN sets a password.
UPDATE users SET password_hash = '!' WHERE password_hash IS NULL;
ALTER TABLE users ALTER COLUMN password_hash SET NOT NULL;
