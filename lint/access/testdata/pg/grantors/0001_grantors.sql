CREATE ROLE a NOLOGIN;
CREATE ROLE b NOLOGIN;
CREATE ROLE c NOLOGIN;
CREATE ROLE d NOLOGIN;
CREATE ROLE e NOLOGIN;
CREATE ROLE owners NOLOGIN;
CREATE ROLE member_of_owners NOLOGIN IN ROLE owners;
CREATE TABLE t (id int, x int);
ALTER TABLE t OWNER TO a;
-- The superuser grants as the owner.
GRANT SELECT, INSERT ON t TO b WITH GRANT OPTION;
SET ROLE b;
-- b grants as itself what it holds with grant option.
GRANT SELECT ON t TO c WITH GRANT OPTION;
GRANT INSERT ON t TO d;
-- b has no UPDATE to grant: WARNING, nothing granted.
GRANT UPDATE ON t TO d;
-- Partly: SELECT only (WARNING: not all privileges were granted).
GRANT SELECT, DELETE ON t TO e;
GRANT UPDATE (x) ON t TO e;
GRANT SELECT (x) ON t TO e;
RESET ROLE;
SET ROLE c;
GRANT SELECT ON t TO d;
RESET ROLE;
-- d holds SELECT from c, not from the owner: the superuser's REVOKE takes nothing.
REVOKE SELECT ON t FROM d;
SET ROLE d;
-- d has no grant option: WARNING, nothing granted.
GRANT SELECT ON t TO e;
RESET ROLE;
-- Taking b's grant option on SELECT takes what it granted with it, and on.
SET ROLE b;
REVOKE GRANT OPTION FOR SELECT ON t FROM c CASCADE;
RESET ROLE;
-- A member of the owning role grants as the owner.
CREATE TABLE u (id int);
ALTER TABLE u OWNER TO owners;
SET ROLE member_of_owners;
GRANT SELECT ON u TO b WITH GRANT OPTION;
RESET ROLE;
SET ROLE b;
GRANT SELECT ON u TO c;
RESET ROLE;
-- REVOKE ... CASCADE from the first grantee.
REVOKE SELECT ON u FROM b CASCADE;
-- The new owner replaces the old one as grantor too.
CREATE TABLE v (id int);
GRANT SELECT ON v TO b WITH GRANT OPTION;
SET ROLE b;
GRANT SELECT ON v TO c;
RESET ROLE;
ALTER TABLE v OWNER TO a;
ALTER ROLE b RENAME TO b2;
-- DROP OWNED revokes what the owner granted, and what went on from it.
CREATE TABLE w (id int);
GRANT SELECT ON w TO c WITH GRANT OPTION;
GRANT SELECT ON w TO e WITH GRANT OPTION;
SET ROLE e;
GRANT SELECT ON w TO d WITH GRANT OPTION;
RESET ROLE;
SET ROLE d;
GRANT SELECT ON w TO c;
RESET ROLE;
DROP OWNED BY e;
