ALTER SYSTEM SET ssl = off; -- want "ssl-disabled@24"
ALTER SYSTEM SET ssl TO false; -- want "ssl-disabled@25"
ALTER SYSTEM SET ssl = 'off'; -- want "ssl-disabled@24"
ALTER SYSTEM SET ssl = 0; -- want "ssl-disabled@24"
