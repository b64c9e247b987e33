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
CREATE FUNCTION "App"."Purge"() RETURNS void LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'; -- want "security-definer-search-path@59" msg: SECURITY DEFINER function "App"."Purge" has no SET search_path: callers can hijack unqualified names to run code as its owner
CREATE FUNCTION app."select"() RETURNS void LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'; -- want "security-definer-search-path@58" msg: SECURITY DEFINER function app."select" has no SET search_path: callers can hijack unqualified names to run code as its owner
