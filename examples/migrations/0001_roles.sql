-- +goose Up
-- Group roles for least privilege: login roles get access only through these.
CREATE ROLE app_readonly NOLOGIN;
CREATE ROLE app_readwrite NOLOGIN;
GRANT CONNECT ON DATABASE shop TO app_readonly, app_readwrite;

-- Login roles get their passwords at deploy time:
--   psql -v api_password="$API_PASSWORD" -f 0001_roles.sql
CREATE ROLE api_user LOGIN PASSWORD :'api_password' VALID UNTIL '2027-03-31';
GRANT app_readwrite TO api_user;

-- +goose Down
DROP ROLE api_user;
DROP ROLE app_readwrite;
DROP ROLE app_readonly;
