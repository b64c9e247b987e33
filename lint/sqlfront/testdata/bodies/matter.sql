-- Bodies that hold something a rule acts on: each must be parsed.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_admin') THEN
    CREATE ROLE app_admin LOGIN SUPERUSER PASSWORD 'hunter2-in-a-do-block';
  END IF;
  GRANT ALL ON ALL TABLES IN SCHEMA public TO PUBLIC;
END
$$;

DO LANGUAGE plpgsql $do$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('GRANT SELECT, INSERT ON %I TO PUBLIC', r.tablename);
  END LOOP;
  EXECUTE 'ALTER ROLE reporting CREATEROLE';
  EXECUTE 'GRANT ALL PRIVILEGES ON DATABASE app TO reporting WITH GRANT OPTION';
END
$do$;

CREATE OR REPLACE FUNCTION make_reader(name text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $fn$
BEGIN
  EXECUTE 'CREATE ROLE ' || quote_ident(name) || ' LOGIN';
  EXECUTE 'CREATE USER legacy_batch PASSWORD ''batch-password-1''';
  GRANT pg_read_all_data TO PUBLIC;
END
$fn$;

CREATE FUNCTION pull_remote() RETURNS SETOF record LANGUAGE plpgsql AS $$
DECLARE
  conn text := 'host=db.internal port=5432 dbname=app user=etl password=etl-secret sslmode=disable';
BEGIN
  PERFORM dblink_connect('remote', conn);
  RETURN QUERY SELECT * FROM dblink('remote', 'SELECT id FROM t') AS x(id int);
END
$$;

CREATE FUNCTION audit_off() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('pgaudit.log', 'none', false);
  SET LOCAL log_statement = 'none';
  ALTER SYSTEM SET password_encryption = 'md5';
END
$$;

CREATE FUNCTION remote_url() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN 'postgres://admin:url-secret@db.example.com/app?sslmode=disable';
END
$$;

CREATE FUNCTION escaped() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN E'host\075db.example.com user\075app password\075esc-secret';
END
$$;

CREATE FUNCTION sql_body_grant() RETURNS void LANGUAGE sql AS $$
  SELECT 1;
  GRANT USAGE ON SCHEMA internal TO PUBLIC;
$$;

CREATE FUNCTION quoted_body() RETURNS void LANGUAGE plpgsql AS '
BEGIN
  EXECUTE ''GRANT ALL ON TABLE secrets TO PUBLIC'';
  PERFORM dblink_exec(''host=h dbname=d user=u password=quoted-secret'', ''SELECT 1'');
END';

-- The PL/pgSQL parser rejects an unnamed parameter behind ALIAS FOR: the
-- statements are found by the scanner.
CREATE FUNCTION by_scanner(text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  who ALIAS FOR $1;
BEGIN
  UPDATE accounts SET owner = who WHERE owner IS NULL;
  GRANT ALL ON accounts TO PUBLIC;
  EXECUTE 'ALTER ROLE ' || who || ' SUPERUSER';
END
$$;

DO $$
BEGIN
  EXECUTE $q$DO $inner$ BEGIN CREATE ROLE nested_admin SUPERUSER; END $inner$ $q$;
END
$$;
