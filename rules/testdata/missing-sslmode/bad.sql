CREATE SERVER reports FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host 'reports.internal', dbname 'reports'); -- want "missing-sslmode@14"
SELECT dblink_connect('host=crm.example.com dbname=crm'); -- want "missing-sslmode@24"
SELECT * FROM dblink('postgres://app@db.example.com/app', 'SELECT 1') AS t(x int); -- want "missing-sslmode@23"
