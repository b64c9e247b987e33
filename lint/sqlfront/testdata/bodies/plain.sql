-- Bodies no rule acts on: the selective front end does not parse them.

CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

CREATE FUNCTION next_partition(p_parent text, p_interval interval) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_count int := 0;
  v_name text;
BEGIN
  SELECT count(*) INTO v_count FROM pg_inherits i WHERE i.inhparent = p_parent::regclass;
  IF v_count = 0 THEN
    RAISE NOTICE 'no child tables for % (interval %)', p_parent, p_interval;
    RETURN NULL;
  END IF;
  FOR i IN 1..v_count LOOP
    v_name := p_parent || '_p' || i;
  END LOOP;
  UPDATE part_config SET last_run = now(), note = 'key=value but no connection' WHERE parent_table = p_parent;
  INSERT INTO part_log (parent, msg) VALUES (p_parent, 'url: https://example.com/?a=b');
  RETURN v_name;
EXCEPTION WHEN others THEN
  RAISE WARNING 'failed: %', SQLERRM;
  RETURN NULL;
END
$$;

CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT a + b;
$$;

CREATE FUNCTION pick(ids int[]) RETURNS SETOF int LANGUAGE sql AS 'SELECT unnest(ids) WHERE true';

DO $$
DECLARE
  total bigint;
BEGIN
  SELECT sum(n) INTO total FROM counters WHERE name <> 'x=y';
  PERFORM pg_sleep(0);
  WHILE total > 0 LOOP
    total := total - 1;
  END LOOP;
END
$$;

CREATE FUNCTION user_label(u text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN current_user || ':' || u;
END
$$;
