CREATE ROLE app_user LOGIN NOSUPERUSER;
ALTER ROLE reporting NOSUPERUSER;
REVOKE rds_superuser FROM app_user;
GRANT app_readonly TO app_user;
-- GRANT rds_superuser TO app_user;
/* CREATE ROLE x SUPERUSER; */
SELECT 'CREATE ROLE x SUPERUSER';
INSERT INTO audit_log(note) VALUES ('GRANT postgres TO mallory');
GRANT SELECT ON TABLE postgres_stats TO app_readonly;
