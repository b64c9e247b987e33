CREATE ROLE reader NOLOGIN;
CREATE ROLE deployer NOLOGIN;
CREATE SCHEMA app;
CREATE TABLE pt (id int);
CREATE TABLE app.dup (id int);
CREATE TABLE dup (id int);
SET search_path TO app, public;
-- pt is only in public: the grant is on public.pt.
GRANT SELECT ON pt TO reader;
-- dup is in app and public: app comes first.
GRANT INSERT ON dup TO reader;
CREATE TABLE made_in_app (id serial);
-- missing is skipped; the first existing schema is public.
SET search_path TO missing, public, app;
CREATE TABLE made_in_public (id int);
GRANT UPDATE ON made_in_app TO reader;
GRANT DELETE ON dup TO reader;
-- $user: the schema named like the current role comes first.
CREATE SCHEMA deployer AUTHORIZATION deployer;
GRANT CREATE, USAGE ON SCHEMA public TO deployer;
RESET search_path;
SET ROLE deployer;
CREATE TABLE mine (id int);
GRANT SELECT ON mine TO reader;
RESET ROLE;
CREATE TABLE not_mine (id int);
SET search_path = app, pg_catalog;
CREATE TABLE in_app_again (id int);
GRANT TRUNCATE ON in_app_again TO reader;
-- SET LOCAL ends with the transaction block.
RESET search_path;
GRANT CREATE, USAGE ON SCHEMA app TO deployer;
BEGIN;
SET LOCAL search_path = app;
SET LOCAL ROLE deployer;
CREATE TABLE tx_local (id int);
COMMIT;
CREATE TABLE after_tx (id int);
