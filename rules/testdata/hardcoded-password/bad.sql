CREATE USER app_user WITH PASSWORD 'Winter-2025-pw'; -- want "hardcoded-password@37"
ALTER ROLE reporting PASSWORD 'hunter2'; -- want "hardcoded-password@32"
CREATE ROLE legacy LOGIN ENCRYPTED PASSWORD 'md5d8578edf8458ce06fbc5bb76a58c5ca4'; -- want "hardcoded-password@46"
CREATE USER MAPPING FOR app_user SERVER reports
    OPTIONS (user 'report', password 'S3cretReport'); -- want "hardcoded-password@39"
CREATE SERVER legacy_srv FOREIGN DATA WRAPPER dblink_fdw
    OPTIONS (host 'localhost', dbname 'legacy', password 'pw-in-server'); -- want "hardcoded-password@59"
SELECT dblink_connect('host=localhost dbname=crm user=crm password=CrmPass99'); -- want "hardcoded-password@68"
SELECT * FROM dblink('postgresql://crm:CrmPass99@localhost/crm', 'SELECT 1') AS t(x int); -- want "hardcoded-password@40"
DO $$
BEGIN
  CREATE ROLE svc LOGIN PASSWORD 'inside-a-do-block'; -- want "hardcoded-password@35"
  EXECUTE 'ALTER ROLE svc PASSWORD ''dyn-secret'''; -- want "hardcoded-password@38"
END $$;
ALTER USER "Report Svc" PASSWORD 'report-pw-2025'; -- want "hardcoded-password@35" msg: ALTER USER "Report Svc" sets a literal password (re***)
