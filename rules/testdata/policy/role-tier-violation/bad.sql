-- +goose Up
CREATE ROLE app_readonly NOLOGIN;
CREATE ROLE app_readwrite NOLOGIN CREATEDB; -- want "role-tier-violation"
CREATE ROLE migrator NOLOGIN;
CREATE ROLE api LOGIN;
CREATE SCHEMA app;
CREATE SCHEMA billing;
CREATE TABLE app.orders (id bigint);
CREATE TABLE app.audit (id bigint);
CREATE TABLE billing.invoices (id bigint);
GRANT SELECT, INSERT ON app.orders TO app_readonly; -- want "role-tier-violation"
GRANT SELECT ON app.orders TO app_readonly;
GRANT TRUNCATE ON app.orders TO app_readwrite; -- want "role-tier-violation"
GRANT ALL ON SCHEMA billing TO migrator; -- want "role-tier-violation" "grant-all"
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT UPDATE ON TABLES TO app_readonly; -- want "role-tier-violation"
GRANT migrator TO api; -- want "role-tier-violation"
GRANT SELECT ON app.orders TO reporting; -- want "role-tier-violation"
ALTER TABLE billing.invoices OWNER TO app_readwrite; -- want "role-tier-violation"
GRANT postgres TO api; -- want "role-tier-violation" "superuser-grant"

-- +goose Down
GRANT INSERT ON app.orders TO app_readonly;
