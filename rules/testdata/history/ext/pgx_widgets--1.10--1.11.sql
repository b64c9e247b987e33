-- 1.11 follows 1.10, which follows 1.9: versions compare by number.
ALTER FUNCTION widgets_admin() SET search_path = pg_catalog, pg_temp;
REVOKE ALL ON widgets FROM PUBLIC;
