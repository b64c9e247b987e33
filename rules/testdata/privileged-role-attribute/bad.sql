CREATE ROLE app_user LOGIN CREATEROLE; -- want "privileged-role-attribute@28" msg: CREATE ROLE app_user gives CREATEROLE: it can create roles and grant itself membership in most of them
CREATE ROLE etl LOGIN CREATEDB BYPASSRLS; -- want "privileged-role-attribute@23" "privileged-role-attribute@32"
ALTER USER replicator WITH REPLICATION; -- want "privileged-role-attribute@28" msg: ALTER USER replicator gives REPLICATION: it can stream every row of every database
ALTER ROLE replicator WITH REPLICATION; -- want "privileged-role-attribute@28" msg: ALTER ROLE replicator gives REPLICATION: it can stream every row of every database
CREATE USER "Etl" CREATEDB; -- want "privileged-role-attribute@19" msg: CREATE USER "Etl" gives CREATEDB: it can create databases it then owns
CREATE GROUP "group" BYPASSRLS; -- want "privileged-role-attribute@22" msg: CREATE GROUP "group" gives BYPASSRLS: it ignores every row-level security policy
CREATE ROLE boss NOSUPERUSER CREATEROLE; -- want "privileged-role-attribute@30" msg: CREATE ROLE boss gives CREATEROLE: it can create roles and grant itself membership in most of them
CREATE ROLE boss SUPERUSER CREATEROLE BYPASSRLS; -- want "superuser-grant@18"
ALTER USER boss WITH SUPERUSER REPLICATION; -- want "superuser-grant@22"
ALTER ROLE boss CREATEDB; -- want "privileged-role-attribute@17"
