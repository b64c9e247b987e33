ALTER ROLE admin NOSUPERUSER;
ALTER ROLE app NOCREATEDB NOCREATEROLE;
ALTER ROLE etl NOCREATEDB;
DROP ROLE temp_contractor;
ALTER ROLE svc VALID UNTIL '2027-01-01';
REVOKE ALL ON orders FROM app;
REVOKE ALL ON orders FROM etl;
REVOKE TRUNCATE ON audit FROM app;
REVOKE SELECT ON orders FROM PUBLIC;
REVOKE INSERT ON invoices FROM PUBLIC;
REVOKE GRANT OPTION FOR SELECT ON orders FROM etl;
REVOKE ADMIN OPTION FOR pg_read_server_files FROM etl;
ALTER ROLE postgres NOSUPERUSER;
ALTER DEFAULT PRIVILEGES REVOKE TRUNCATE ON TABLES FROM app;
CREATE OR REPLACE FUNCTION purge() RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ SELECT 1 $$;
ALTER FUNCTION stats() SECURITY INVOKER;
DROP FUNCTION gone();
-- postgres is no longer a superuser: a membership in it is not superuser-equivalent.
GRANT postgres TO etl;                                 -- undone "superuser-grant"
