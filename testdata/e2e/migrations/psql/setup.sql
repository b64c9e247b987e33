\set ON_ERROR_STOP on
\connect shop
\if :{?owner}
  \echo using owner :owner
\endif
CREATE TABLE t (id int, note text);
COPY t (id, note) FROM stdin;
1	GRANT ALL ON t TO everyone;
2	CREATE ROLE x SUPERUSER;
\.
SELECT format('GRANT SELECT ON %I TO app_ro', tablename) FROM pg_tables WHERE schemaname = 'shop' \gexec
ALTER ROLE :"owner" WITH SUPERUSER;
SELEC broken;
GRANT SELECT ON t TO :role;
