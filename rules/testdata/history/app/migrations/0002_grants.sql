CREATE TABLE orders (id int);
CREATE TABLE invoices (id int);
CREATE TABLE audit (id int);
GRANT ALL ON orders TO app;                            -- undone "grant-all"
GRANT ALL ON orders, invoices TO etl;                  -- want "grant-all"
GRANT ALL ON audit TO app;                             -- undone "grant-all"
GRANT SELECT ON orders TO PUBLIC;                      -- undone "grant-to-public"
GRANT SELECT, INSERT ON invoices TO PUBLIC;            -- want "grant-to-public"
GRANT SELECT ON orders TO etl WITH GRANT OPTION;       -- undone "grant-option"
GRANT SELECT ON invoices TO etl WITH GRANT OPTION;     -- want "grant-option"
GRANT postgres TO app;                                 -- undone "superuser-grant"
GRANT pg_read_server_files TO etl WITH ADMIN OPTION;   -- want "superuser-grant" undone "grant-option"
ALTER DEFAULT PRIVILEGES GRANT ALL ON TABLES TO app;   -- undone "grant-all"
ALTER DEFAULT PRIVILEGES GRANT ALL ON SEQUENCES TO etl; -- want "grant-all"
CREATE FUNCTION purge() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;   -- undone "security-definer-search-path"
CREATE FUNCTION stats() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;   -- undone "security-definer-search-path"
CREATE FUNCTION gone() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;    -- undone "security-definer-search-path"
CREATE FUNCTION report() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;  -- want "security-definer-search-path"
