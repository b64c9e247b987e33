CREATE ROLE contractor LOGIN VALID UNTIL 'infinity'; -- want "password-no-expiry@30"
ALTER ROLE app_user VALID UNTIL 'Infinity'; -- want "password-no-expiry@21"
