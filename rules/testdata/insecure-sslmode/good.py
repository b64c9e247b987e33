import psycopg2
# Never use sslmode="disable" in production.
conn = psycopg2.connect(host="db.example.com", dbname="app", sslmode="verify-full", sslrootcert="ca.pem")
local = psycopg2.connect("host=localhost dbname=app sslmode=disable")
