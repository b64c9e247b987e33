--liquibase formatted sql

--changeset alice:1
CREATE ROLE auditor NOLOGIN
--rollback DROP ROLE auditor;

--changeset alice:2 runOnChange:true
ALTER ROLE auditor SET pgaudit.log = 'none';
--rollback ALTER ROLE auditor RESET pgaudit.log;
