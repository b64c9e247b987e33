-- 1.11 follows 1.10, which follows 1.9: versions compare by number. An
-- extension script runs in the extension's schema: widgets_admin() and
-- @extschema@.widgets_admin() are one function.
ALTER FUNCTION @extschema@.widgets_admin() SET search_path = pg_catalog, pg_temp;
REVOKE ALL ON widgets FROM PUBLIC;
