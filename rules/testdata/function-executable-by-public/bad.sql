CREATE FUNCTION public.delete_user(uid uuid) RETURNS void LANGUAGE sql SECURITY DEFINER -- want "function-executable-by-public@72"
SET search_path = '' AS $$ DELETE FROM auth.users WHERE id = uid $$;

-- Revoked from PUBLIC, then given back to it.
CREATE FUNCTION public.promote(uid uuid) RETURNS void LANGUAGE sql SECURITY DEFINER
SET search_path = '' AS $$ UPDATE public.members SET admin = true WHERE id = uid $$;
REVOKE EXECUTE ON FUNCTION public.promote(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.promote(uuid) TO PUBLIC; -- want "function-executable-by-public@1"

-- Made SECURITY DEFINER later.
CREATE FUNCTION app.stats() RETURNS bigint LANGUAGE sql SET search_path = '' AS $$ SELECT 1 $$;
ALTER FUNCTION app.stats() SECURITY DEFINER; -- want "function-executable-by-public@28"
