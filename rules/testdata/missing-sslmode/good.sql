CREATE SERVER reports FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host 'reports.internal', dbname 'reports', sslmode 'verify-full');
CREATE SERVER local_reports FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'localhost', dbname 'r');
CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
CREATE SERVER sock FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'r');
SELECT dblink_connect('dbname=crm');
SELECT dblink_connect('host=localhost dbname=crm');
SELECT dblink_connect('myconn', 'hostaddr=127.0.0.1 dbname=crm');
ALTER SERVER reports OPTIONS (SET host 'reports2.internal');
