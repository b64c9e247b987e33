-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$
-- +goose StatementEnd
-- +goose StatementBegin
DO $$
BEGIN
    EXECUTE 'GRANT ALL ON SCHEMA app TO app_rw';
END
$$
-- +goose StatementEnd
GRANT SELECT ON ALL TABLES IN SCHEMA app TO app_ro;

-- +goose Down
REVOKE ALL ON SCHEMA app FROM app_rw;
DROP FUNCTION app.touch();
