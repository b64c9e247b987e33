CREATE ROLE app_admin LOGIN SUPERUSER; -- want "superuser-grant@29"
create user ops with superuser login; -- want "superuser-grant@22"
ALTER ROLE reporting WITH SUPERUSER; -- want "superuser-grant@27"
GRANT rds_superuser TO app_user; -- want "superuser-grant@7"
GRANT pg_execute_server_program, app_readonly TO etl; -- want "superuser-grant@7"
GRANT app_readonly, "cloudsqlsuperuser" TO etl; -- want "superuser-grant@21"
CREATE ROLE multi
  LOGIN
  SUPERUSER; -- want "superuser-grant@3"
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'breakglass') THEN
    CREATE ROLE breakglass SUPERUSER; -- want "superuser-grant@28"
  END IF;
  EXECUTE 'GRANT postgres TO deployer'; -- want "superuser-grant@18"
END
$$;
ALTER USER ops_lead SUPERUSER; -- want "superuser-grant@21" msg: ALTER USER ops_lead gives SUPERUSER, which bypasses every permission check
alter user ops_lead with superuser; -- want "superuser-grant@26" msg: ALTER USER ops_lead gives SUPERUSER, which bypasses every permission check
CREATE GROUP admins SUPERUSER; -- want "superuser-grant@21" msg: CREATE GROUP admins gives SUPERUSER, which bypasses every permission check
ALTER ROLE "Ops Lead" SUPERUSER; -- want "superuser-grant@23" msg: ALTER ROLE "Ops Lead" gives SUPERUSER, which bypasses every permission check
CREATE ROLE "user" SUPERUSER; -- want "superuser-grant@20" msg: CREATE ROLE "user" gives SUPERUSER, which bypasses every permission check
CREATE ROLE "role" SUPERUSER; -- want "superuser-grant@20" msg: CREATE ROLE role gives SUPERUSER, which bypasses every permission check
GRANT rds_superuser TO "App", "select", app_v2; -- want "superuser-grant@7" msg: GRANT rds_superuser TO "App", "select", app_v2 makes "App", "select", app_v2 a member of a superuser-equivalent role
CREATE ROLE boss SUPERUSER CREATEROLE CREATEDB BYPASSRLS REPLICATION; -- want "superuser-grant@18" msg: CREATE ROLE boss gives SUPERUSER, which bypasses every permission check
