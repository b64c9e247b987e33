CREATE FUNCTION widgets_admin() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;  -- undone "security-definer-search-path" want "function-executable-by-public"
