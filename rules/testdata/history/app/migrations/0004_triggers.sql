CREATE FUNCTION grant_on_create() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  GRANT ALL ON ALL TABLES IN SCHEMA public TO app;  -- undone "grant-all"
END $$;
CREATE FUNCTION grant_kept() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  GRANT ALL ON ALL TABLES IN SCHEMA public TO etl;  -- want "grant-all"
END $$;
