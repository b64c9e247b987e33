-- Deploy shop:roles to pg

BEGIN;

CREATE ROLE shop_admin NOLOGIN CREATEROLE;

COMMIT;
