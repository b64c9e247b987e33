-- A file mixing psql, goose and templates parses.
-- +goose Up
\set ON_ERROR_STOP on
\connect app
CREATE TABLE t (id int);
COPY t (id) FROM stdin;
1
2
\.
SELECT count(*) AS n FROM t \gset
\if :n
\echo :n rows
\endif
GRANT SELECT ON ${schema}.t TO {{ .Role }};
CREATE EXTENSION IF NOT EXISTS pgcrypto SCHEMA @extschema@;
SELECT x::int FROM (VALUES ('1')) v(x);
-- +goose Down
DROP TABLE t;
