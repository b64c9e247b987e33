CREATE OR REPLACE VIEW ${schema}.active_users AS SELECT 1 AS id;
GRANT SELECT ON ${schema}.active_users TO PUBLIC;
