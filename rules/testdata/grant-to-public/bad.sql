GRANT SELECT ON TABLE customers TO PUBLIC; -- want "grant-to-public@36" msg: GRANT SELECT on TABLE customers to PUBLIC gives it to every role, present and future
GRANT USAGE ON SCHEMA app TO app_ro, public; -- want "grant-to-public@38" msg: GRANT USAGE on SCHEMA app to PUBLIC gives it to every role, present and future
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO PUBLIC; -- want "grant-to-public@66" msg: ALTER DEFAULT PRIVILEGES ... GRANT SELECT on future tables in schema app (default privileges) to PUBLIC gives it to every role, present and future
GRANT SELECT ON orders TO PUBLIC; -- want "grant-to-public@27" msg: GRANT SELECT on orders to PUBLIC gives it to every role, present and future
CREATE VIEW app.customer_names AS SELECT name FROM app.customers;
GRANT SELECT ON app.customer_names TO PUBLIC; -- want "grant-to-public@39" msg: GRANT SELECT on VIEW app.customer_names to PUBLIC gives it to every role, present and future
GRANT SELECT ON TABLE customer_names TO PUBLIC; -- want "grant-to-public@41" msg: GRANT SELECT on VIEW customer_names to PUBLIC gives it to every role, present and future
CREATE SEQUENCE order_ids;
GRANT USAGE ON order_ids TO PUBLIC; -- want "grant-to-public@29" msg: GRANT USAGE on SEQUENCE order_ids to PUBLIC gives it to every role, present and future
GRANT USAGE ON SEQUENCE order_ids TO PUBLIC; -- want "grant-to-public@38" msg: GRANT USAGE on SEQUENCE order_ids to PUBLIC gives it to every role, present and future
GRANT SELECT (id, "Name", "order") ON "Orders", "user" TO PUBLIC; -- want "grant-to-public@59" msg: GRANT SELECT (id, "Name", "order") on "Orders", "user" to PUBLIC gives it to every role, present and future
GRANT USAGE ON SCHEMA "grant on server", "grant", "Grant", server TO PUBLIC; -- want "grant-to-public@70" msg: GRANT USAGE on SCHEMA "grant on server", "grant", "Grant", server to PUBLIC gives it to every role, present and future
GRANT EXECUTE ON FUNCTION app.f(int) TO PUBLIC; -- restates the default: not reported
GRANT ALL ON FUNCTION app.f(int) TO PUBLIC; -- on a function ALL is EXECUTE: not reported here (grant-all reports it)
GRANT EXECUTE, USAGE ON FUNCTION app.f(int) TO PUBLIC; -- want "grant-to-public@48"
