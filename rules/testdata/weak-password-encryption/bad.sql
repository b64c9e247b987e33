ALTER SYSTEM SET password_encryption = 'md5'; -- want "weak-password-encryption@40"
ALTER SYSTEM SET password_encryption TO MD5; -- want "weak-password-encryption@41"
SET password_encryption = 'md5'; -- want "weak-password-encryption@27"
SET LOCAL password_encryption = md5; -- want "weak-password-encryption@33"
ALTER ROLE legacy_app SET password_encryption = 'md5'; -- want "weak-password-encryption@49"
ALTER DATABASE legacy SET password_encryption = 'md5'; -- want "weak-password-encryption@49"
ALTER SYSTEM SET password_encryption = on; -- want "weak-password-encryption@40" msg: ALTER SYSTEM SET password_encryption = 'on' meant md5 before PostgreSQL 14 (which rejects it)
SELECT set_config('password_encryption', 'md5', false); -- want "weak-password-encryption@42"
