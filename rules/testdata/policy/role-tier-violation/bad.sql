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
-- Taken away and given back: told again.
REVOKE INSERT ON app.orders FROM app_readonly;
GRANT INSERT ON app.orders TO app_readonly; -- want "role-tier-violation"
-- A role renamed into a declared name brings its privileges.
CREATE ROLE legacy;
GRANT DELETE ON app.orders TO legacy; -- want "role-tier-violation"
ALTER ROLE legacy RENAME TO app_reader2; -- want "role-tier-violation"
-- What PUBLIC holds, every role holds.
GRANT UPDATE ON app.audit TO PUBLIC; -- want "role-tier-violation" "role-tier-violation" "role-tier-violation" "grant-to-public"
-- Predefined roles.
GRANT pg_write_all_data TO app_readonly; -- want "role-tier-violation"
GRANT pg_read_server_files TO app_readwrite; -- want "role-tier-violation" "superuser-grant"
-- Column privileges.
GRANT SELECT (id), UPDATE (id) ON app.orders TO app_reader2; -- want "role-tier-violation"
-- Membership in a role of a higher tier, which holds nothing yet.
CREATE ROLE reporting_ro LOGIN;
CREATE ROLE writer NOLOGIN;
GRANT writer TO reporting_ro; -- want "role-tier-violation"
-- What the higher-tier role gets later is told again, as privileges.
GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA billing TO writer; -- want "role-tier-violation"
-- Ownership given at creation.
CREATE DATABASE other OWNER app_readonly; -- want "role-tier-violation"

-- +goose Down
GRANT INSERT ON app.orders TO app_readonly;
