GRANT SELECT ON TABLE customers TO PUBLIC; -- want "grant-to-public@36"
GRANT USAGE ON SCHEMA app TO app_ro, public; -- want "grant-to-public@38"
ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC; -- want "grant-to-public@56"
GRANT EXECUTE ON FUNCTION app.f(int) TO PUBLIC; -- want "grant-to-public@41"
