-- migrate:up
CREATE ROLE r NOLOGIN;
-- migrate:down
DROP ROLE r;
