GRANT SELECT ON TABLE orders TO reporting WITH GRANT OPTION; -- want "grant-option@43"
GRANT app_readwrite TO team_lead WITH ADMIN OPTION; -- want "grant-option@39"
GRANT app_readwrite TO team_lead WITH ADMIN TRUE; -- want "grant-option@39"
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO bi WITH GRANT OPTION; -- want "grant-option@69"
