CREATE SCHEMA IF NOT EXISTS ${schema};
GRANT USAGE ON SCHEMA ${schema} TO ${app_role};
CREATE ROLE ${app_role}_login LOGIN PASSWORD '${app_password}';
GRANT ${app_role} TO ${app_role}_login WITH ADMIN OPTION;
