GRANT EXECUTE ON FUNCTION app.later() TO PUBLIC; -- before the revoke: restates the default
REVOKE EXECUTE ON FUNCTION app.later() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.later() TO PUBLIC; -- want "grant-to-public@42" msg: GRANT EXECUTE on FUNCTION app.later to PUBLIC gives it to every role, present and future
GRANT EXECUTE ON FUNCTION later() TO app_user, PUBLIC; -- want "grant-to-public@48"
REVOKE ALL ON FUNCTION app.audit(int), app.audit(text) FROM app_user, PUBLIC;
GRANT EXECUTE ON FUNCTION app.audit(int) TO PUBLIC; -- want "grant-to-public@45"
GRANT EXECUTE ON FUNCTION other.audit(int) TO PUBLIC; -- another schema: restates the default
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA billing FROM PUBLIC;
GRANT EXECUTE ON FUNCTION billing.charge(int) TO PUBLIC; -- want "grant-to-public@50"
GRANT EXECUTE ON PROCEDURE billing.settle() TO PUBLIC; -- want "grant-to-public@48" msg: GRANT EXECUTE on PROCEDURE billing.settle to PUBLIC gives it to every role, present and future
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA billing TO PUBLIC; -- want "grant-to-public@53" msg: GRANT EXECUTE on ALL FUNCTIONS IN SCHEMA billing to PUBLIC gives it to every role, present and future
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA reports TO PUBLIC; -- nothing revoked there: restates the default
CREATE FUNCTION app.purge() RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS $$ SELECT 1 $$;
GRANT EXECUTE ON FUNCTION app.purge() TO PUBLIC; -- want "grant-to-public@42"
GRANT EXECUTE ON ROUTINE app.purge() TO PUBLIC; -- want "grant-to-public@41" msg: GRANT EXECUTE on ROUTINE app.purge to PUBLIC gives it to every role, present and future
GRANT EXECUTE ON ALL ROUTINES IN SCHEMA app TO PUBLIC; -- want "grant-to-public@48"
GRANT EXECUTE ON FUNCTION app.report() TO PUBLIC; -- restates the default
ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC; -- restates the default
