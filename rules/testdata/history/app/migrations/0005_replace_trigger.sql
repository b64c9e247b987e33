-- The body of grant_on_create is replaced: what the old one granted is gone.
CREATE OR REPLACE FUNCTION grant_on_create() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  GRANT SELECT ON ALL TABLES IN SCHEMA public TO app;
END $$;
