-- +goose Up
CREATE SCHEMA shop;
REVOKE ALL ON SCHEMA public FROM PUBLIC;

CREATE TABLE shop.customers (
    id    bigserial PRIMARY KEY,
    email text NOT NULL UNIQUE,
    name  text NOT NULL
);
CREATE TABLE shop.orders (
    id          bigserial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES shop.customers (id),
    total_cents bigint NOT NULL
);

GRANT USAGE ON SCHEMA shop TO app_readonly, app_readwrite;
GRANT SELECT ON ALL TABLES IN SCHEMA shop TO app_readonly;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA shop TO app_readwrite;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA shop TO app_readwrite;
ALTER DEFAULT PRIVILEGES IN SCHEMA shop GRANT SELECT ON TABLES TO app_readonly;

-- +goose Down
DROP SCHEMA shop CASCADE;
