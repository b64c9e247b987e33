GRANT ALL ON TABLE accounts TO app; -- want "grant-all@7" msg: GRANT ALL on TABLE accounts to app gives every privilege; grant only the ones needed
GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO app_rw; -- want "grant-all@7" msg: GRANT ALL on ALL TABLES IN SCHEMA public to app_rw gives every privilege; grant only the ones needed
GRANT ALL ON SCHEMA app TO app_rw; -- want "grant-all@7"
GRANT ALL ON DATABASE mydb TO app_rw; -- want "grant-all@7"
GRANT ALL (email, name) ON customers TO support; -- want "grant-all@7" msg: GRANT ALL (email, name) on customers to support gives every privilege; grant only the ones needed
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
CREATE SCHEMA "grant on server";
CREATE FOREIGN TABLE foreign_table_owned (id integer NOT NULL) SERVER "Foreign Server";
GRANT ALL ON SCHEMA "grant on server" TO role_test_servers; -- want "grant-all@7" msg: GRANT ALL on SCHEMA "grant on server" to role_test_servers gives every privilege; grant only the ones needed
GRANT ALL ON foreign_table_owned TO role_test_servers; -- want "grant-all@7" msg: GRANT ALL on FOREIGN TABLE foreign_table_owned to role_test_servers gives every privilege; grant only the ones needed
GRANT ALL ON foreign server "Foreign Server" TO role_test_servers, postgres; -- one privilege (USAGE): not reported
CREATE SEQUENCE IF NOT EXISTS app.order_seq;
CREATE MATERIALIZED VIEW app.daily AS SELECT 1;
GRANT ALL ON app.order_seq TO app_rw; -- want "grant-all@7" msg: GRANT ALL on SEQUENCE app.order_seq to app_rw gives every privilege; grant only the ones needed
GRANT ALL ON TABLE app.daily, app.accounts TO "App RW"; -- want "grant-all@7" msg: GRANT ALL on MATERIALIZED VIEW app.daily, TABLE app.accounts to "App RW" gives every privilege; grant only the ones needed
GRANT ALL ON app.daily, app.accounts TO app_rw; -- want "grant-all@7" msg: GRANT ALL on MATERIALIZED VIEW app.daily, app.accounts to app_rw gives every privilege; grant only the ones needed
CREATE OR REPLACE VIEW "Report" AS SELECT 1;
GRANT ALL ON TABLE "Report" TO app_rw; -- want "grant-all@7" msg: GRANT ALL on VIEW "Report" to app_rw gives every privilege; grant only the ones needed
GRANT ALL ON TABLE report TO app_rw; -- want "grant-all@7" msg: GRANT ALL on TABLE report to app_rw gives every privilege; grant only the ones needed
DROP VIEW "Report";
CREATE TABLE "Report" (id int);
GRANT ALL ON "Report" TO app_rw; -- want "grant-all@7" msg: GRANT ALL on "Report" to app_rw gives every privilege; grant only the ones needed
GRANT ALL ON TABLE later_view TO app_rw; -- want "grant-all@7" msg: GRANT ALL on TABLE later_view to app_rw gives every privilege; grant only the ones needed
CREATE VIEW later_view AS SELECT 1;
GRANT ALL ON SEQUENCE "Util"."Compute", app.sum TO app_rw; -- want "grant-all@7" msg: GRANT ALL on SEQUENCE "Util"."Compute", app.sum to app_rw gives every privilege; grant only the ones needed
CREATE OR REPLACE TEMP RECURSIVE VIEW "Tree"(n) AS SELECT 1;
GRANT ALL ON "Tree" TO app_rw; -- want "grant-all@7" msg: GRANT ALL on VIEW "Tree" to app_rw gives every privilege; grant only the ones needed
CREATE /* remote */ FOREIGN TABLE IF NOT EXISTS Remote.Items (id int) SERVER s;
GRANT ALL ON remote.items, other.items TO app_rw; -- want "grant-all@7" msg: GRANT ALL on FOREIGN TABLE remote.items, other.items to app_rw gives every privilege; grant only the ones needed
DO $$
BEGIN
  CREATE SEQUENCE do_seq;
END $$;
GRANT ALL ON do_seq TO app_rw; -- want "grant-all@7" msg: GRANT ALL on SEQUENCE do_seq to app_rw gives every privilege; grant only the ones needed
ALTER DEFAULT PRIVILEGES FOR ROLE owner IN SCHEMA cron GRANT ALL ON SEQUENCES TO app; -- want "grant-all@62" msg: ALTER DEFAULT PRIVILEGES ... GRANT ALL on future sequences created by owner in schema cron (default privileges) to app gives every privilege; grant only the ones needed
