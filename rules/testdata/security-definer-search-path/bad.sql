CREATE FUNCTION app.purge() RETURNS void LANGUAGE sql SECURITY DEFINER -- want "security-definer-search-path@55"
AS $$ DELETE FROM sessions $$;
CREATE OR REPLACE PROCEDURE app.rotate()
LANGUAGE plpgsql
SECURITY DEFINER -- want "security-definer-search-path@1"
AS $$ BEGIN PERFORM 1; END $$;
CREATE FUNCTION app.lookup(text) RETURNS int
    SET work_mem = '64MB'
    SECURITY DEFINER -- want "security-definer-search-path@5"
    LANGUAGE sql AS 'SELECT 1';
