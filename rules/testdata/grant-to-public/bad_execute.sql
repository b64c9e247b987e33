CREATE FUNCTION app.purge() RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS $$ SELECT 1 $$;
GRANT EXECUTE ON FUNCTION app.purge() TO PUBLIC; -- want "grant-to-public@42"
GRANT EXECUTE ON ROUTINE app.purge() TO PUBLIC; -- want "grant-to-public@41" msg: GRANT EXECUTE on ROUTINE app.purge to PUBLIC gives it to every role, present and future
GRANT EXECUTE ON ALL ROUTINES IN SCHEMA app TO PUBLIC; -- want "grant-to-public@48"
