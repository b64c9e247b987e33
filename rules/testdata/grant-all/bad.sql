GRANT ALL ON TABLE accounts TO app; -- want "grant-all@7"
GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO app_rw; -- want "grant-all@7"
GRANT ALL ON SCHEMA app TO app_rw; -- want "grant-all@7"
GRANT ALL ON DATABASE mydb TO app_rw; -- want "grant-all@7"
GRANT ALL (email, name) ON customers TO support; -- want "grant-all@7"
ALTER DEFAULT PRIVILEGES IN SCHEMA app
    GRANT ALL ON TABLES TO app_rw; -- want "grant-all@11"
grant
  all -- want "grant-all@3"
  on sequence orders_id_seq to app_rw;
CREATE FUNCTION setup() RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
    GRANT ALL ON TABLE t TO app; -- want "grant-all@11"
END
$fn$;
