GRANT SELECT ON TABLE orders TO reporting WITH GRANT OPTION; -- want "grant-option@43" msg: GRANT SELECT on TABLE orders to reporting WITH GRANT OPTION lets reporting grant it to anyone
GRANT app_readwrite TO team_lead WITH ADMIN OPTION; -- want "grant-option@34" msg: GRANT app_readwrite TO team_lead WITH ADMIN OPTION lets team_lead grant the role to anyone
GRANT app_readwrite TO team_lead WITH ADMIN TRUE; -- want "grant-option@34" msg: GRANT app_readwrite TO team_lead WITH ADMIN TRUE lets team_lead grant the role to anyone
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO bi WITH GRANT OPTION; -- want "grant-option@69"
GRANT app_readwrite TO team_lead WITH INHERIT TRUE, ADMIN TRUE; -- want "grant-option@34" msg: GRANT app_readwrite TO team_lead WITH ADMIN TRUE lets team_lead grant the role to anyone
GRANT app_readwrite, "Auditors" TO "Team Lead"
  WITH ADMIN OPTION; -- want "grant-option@3" msg: GRANT app_readwrite, "Auditors" TO "Team Lead" WITH ADMIN OPTION lets "Team Lead" grant the role to anyone
GRANT SELECT ON TABLE orders TO reporting
  with grant option; -- want "grant-option@3"
GRANT app_readwrite TO team_lead WITH ADMIN OPTION GRANTED BY admin; -- want "grant-option@34"
GRANT ALL ON FOREIGN DATA WRAPPER postgres_fdw TO ownerrole WITH GRANT OPTION; -- want "grant-option@61" msg: GRANT ALL on FOREIGN DATA WRAPPER postgres_fdw to ownerrole WITH GRANT OPTION lets ownerrole grant it to anyone
CREATE VIEW v AS SELECT 1;
GRANT SELECT ON v TO "with" WITH GRANT OPTION; -- want "grant-option@29" msg: GRANT SELECT on VIEW v to "with" WITH GRANT OPTION lets "with" grant it to anyone
