CREATE SERVER reports FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host 'reports.internal', dbname 'reports', sslmode 'require'); -- want "insecure-sslmode@66"
ALTER SERVER reports OPTIONS (SET sslmode 'disable'); -- want "insecure-sslmode@44"
SELECT dblink_connect('host=crm.example.com dbname=crm sslmode=prefer'); -- want "insecure-sslmode@64"
SELECT dblink_exec('postgres://crm.example.com/crm?sslmode=verify-ca', 'VACUUM'); -- want "insecure-sslmode@60"
INSERT INTO settings VALUES ('replica', 'postgresql://app@10.1.2.3/app?sslmode=allow'); -- want "insecure-sslmode@80"
SELECT dblink_connect('host=${CRM_HOST} dbname=crm sslmode=prefer'); -- want "insecure-sslmode@60" msg: dblink_connect connection string sets sslmode=prefer for a host set at run time; if that host is on another machine, the password and data may be exposed, as the connection can fall back to plain text; use sslmode=verify-full
