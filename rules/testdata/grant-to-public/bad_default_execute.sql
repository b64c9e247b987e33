ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC; -- before the revoke: restates the default
GRANT EXECUTE ON FUNCTION app.f() TO PUBLIC; -- restates the default
ALTER DEFAULT PRIVILEGES FOR ROLE owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE owner GRANT EXECUTE ON FUNCTIONS TO PUBLIC; -- want "grant-to-public@71" msg: ALTER DEFAULT PRIVILEGES ... GRANT EXECUTE on future functions (default privileges) to PUBLIC gives it to every role, present and future
ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON ROUTINES TO PUBLIC; -- want "grant-to-public@55"
GRANT EXECUTE ON FUNCTION app.f() TO PUBLIC; -- want "grant-to-public@38"
DO $$
BEGIN
  GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA app TO PUBLIC; -- want "grant-to-public@51"
END $$;
