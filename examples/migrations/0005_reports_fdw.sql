-- +goose Up
CREATE EXTENSION IF NOT EXISTS postgres_fdw;
CREATE SERVER reports FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host 'reports.db.internal', dbname 'reports', sslmode 'require');
CREATE USER MAPPING FOR api_user SERVER reports
    OPTIONS (user 'reports_ro', password :'reports_password');

-- +goose Down
DROP SERVER reports CASCADE;
