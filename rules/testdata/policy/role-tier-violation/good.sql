-- +goose Up
CREATE ROLE app_readonly NOLOGIN;
CREATE ROLE app_readwrite NOLOGIN;
CREATE ROLE migrator NOLOGIN;
CREATE ROLE breakglass SUPERUSER NOLOGIN;
CREATE ROLE api LOGIN;
CREATE SCHEMA app;
CREATE TABLE app.orders (id bigserial);
CREATE TABLE app.audit (id bigint);
GRANT USAGE ON SCHEMA app TO app_readonly, app_readwrite;
GRANT SELECT ON ALL TABLES IN SCHEMA app TO app_readonly;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA app TO app_readonly;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA app TO app_readwrite;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA app TO app_readwrite;
GRANT TRUNCATE ON app.audit TO app_readwrite;
GRANT ALL ON SCHEMA app TO migrator;
GRANT ALL ON ALL TABLES IN SCHEMA app TO migrator;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT ALL ON TABLES TO migrator;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO app_readonly;
GRANT app_readonly TO app_readwrite;
-- A role of the same or a lower tier: no more than the member may hold.
CREATE ROLE reporting_ro LOGIN;
CREATE ROLE writer NOLOGIN;
GRANT app_readonly TO reporting_ro;
GRANT app_readonly TO writer;
GRANT app_readwrite TO api;
GRANT CONNECT ON DATABASE postgres TO app_readonly;
REVOKE INSERT ON app.orders FROM app_readonly;
CREATE TABLE app.later (id bigint);

-- +goose Down
GRANT INSERT ON app.orders TO app_readonly;
