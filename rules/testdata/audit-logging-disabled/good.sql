ALTER SYSTEM SET pgaudit.log = 'write, ddl, role';
ALTER ROLE etl_user SET pgaudit.log = 'read, write';
ALTER SYSTEM SET log_statement = 'none';
SELECT 'pgaudit.log = none';
-- SET pgaudit.log = 'none';
ALTER SYSTEM SET log_connections = on;
-- log_connections can only be set at connection start: a SET fails.
SET log_connections = off;
