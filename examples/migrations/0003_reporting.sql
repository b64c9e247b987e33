-- +goose Up
-- The BI team asked for "access to everything" on a Friday afternoon.
CREATE ROLE bi_reader LOGIN PASSWORD 'Quarterly-Report-2024' VALID UNTIL 'infinity';
GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA shop TO bi_reader;
GRANT SELECT ON shop.orders TO PUBLIC;
GRANT app_readonly TO bi_reader WITH ADMIN OPTION;

-- Legacy export job; reviewed and accepted until the exporter is replaced.
-- grantguard:ignore grant-option export job re-grants to its own sub-roles (ticket SEC-142)
GRANT SELECT ON shop.customers TO app_readonly WITH GRANT OPTION;

-- +goose Down
DROP ROLE bi_reader;
