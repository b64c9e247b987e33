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
