CREATE ROLE contractor LOGIN VALID UNTIL 'infinity'; -- want "password-no-expiry@30" msg: CREATE ROLE contractor sets VALID UNTIL 'infinity': the password never expires
ALTER ROLE app_user VALID UNTIL 'Infinity'; -- want "password-no-expiry@21"
ALTER USER app_user VALID UNTIL 'infinity'; -- want "password-no-expiry@21" msg: ALTER USER app_user sets VALID UNTIL 'infinity': the password never expires
CREATE USER "Contractor" VALID UNTIL 'infinity'; -- want "password-no-expiry@26" msg: CREATE USER "Contractor" sets VALID UNTIL 'infinity': the password never expires
