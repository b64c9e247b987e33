ALTER SYSTEM SET pgaudit.log = 'none'; -- want "audit-logging-disabled@32"
ALTER ROLE etl_user SET pgaudit.log = 'NONE'; -- want "audit-logging-disabled@39"
ALTER DATABASE app SET pgaudit.log TO none; -- want "audit-logging-disabled@39"
SET pgaudit.log = 'none'; -- want "audit-logging-disabled@19"
SET LOCAL pgaudit.log = none; -- want "audit-logging-disabled@25"
SELECT set_config('pgaudit.log', 'none', false); -- want "audit-logging-disabled@34"
ALTER SYSTEM SET log_connections = off; -- want "audit-logging-disabled@36" msg: ALTER SYSTEM SET log_connections = 'off' stops logging who connects and from where
ALTER ROLE batch SET log_connections TO false; -- want "audit-logging-disabled@41"
ALTER DATABASE app SET log_connections = 0; -- want "audit-logging-disabled@42"
