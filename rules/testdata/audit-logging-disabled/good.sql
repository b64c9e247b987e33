ALTER SYSTEM SET pgaudit.log = 'write, ddl, role';
ALTER ROLE etl_user SET pgaudit.log = 'read, write';
ALTER SYSTEM SET log_statement = 'none';
SELECT 'pgaudit.log = none';
-- SET pgaudit.log = 'none';
