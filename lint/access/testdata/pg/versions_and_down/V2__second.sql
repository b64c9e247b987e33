-- +goose Up
CREATE TABLE t (id int);
GRANT SELECT ON t TO r;
-- +goose Down
DROP TABLE t;
