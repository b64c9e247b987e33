ALTER SYSTEM SET password_encryption = 'scram-sha-256';
SET password_encryption = 'scram-sha-256';
ALTER ROLE app SET password_encryption TO DEFAULT;
ALTER SYSTEM RESET password_encryption;
SELECT 'password_encryption = md5';
-- ALTER SYSTEM SET password_encryption = 'md5';
