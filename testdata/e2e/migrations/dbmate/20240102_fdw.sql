-- migrate:up
CREATE SERVER crm FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'crm.example.com', dbname 'crm')
-- migrate:down
DROP SERVER crm
