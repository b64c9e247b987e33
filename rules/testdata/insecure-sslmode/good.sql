CREATE SERVER reports FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host 'reports.internal', dbname 'reports', sslmode 'verify-full', sslrootcert '/etc/ssl/ca.pem');
CREATE SERVER local_reports FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'localhost', sslmode 'disable');
SELECT dblink_connect('host=127.0.0.1 dbname=crm sslmode=disable');
SELECT dblink_connect('host=/var/run/postgresql dbname=crm sslmode=disable');
SELECT dblink_connect('host=crm.example.com dbname=crm sslmode=verify-full');
-- SELECT dblink_connect('host=crm.example.com sslmode=disable');
COMMENT ON SERVER reports IS 'do not set sslmode=disable here';
