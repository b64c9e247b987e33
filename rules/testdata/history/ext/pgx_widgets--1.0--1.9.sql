CREATE FUNCTION widgets_stats() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;  -- want "security-definer-search-path" want "function-executable-by-public"
