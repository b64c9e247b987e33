CREATE ROLE app_user LOGIN CREATEROLE; -- want "privileged-role-attribute@28"
CREATE ROLE etl LOGIN CREATEDB BYPASSRLS; -- want "privileged-role-attribute@23" "privileged-role-attribute@32"
ALTER USER replicator WITH REPLICATION; -- want "privileged-role-attribute@28"
