CREATE SCHEMA private;
CREATE FUNCTION private.delete_user(uid uuid) RETURNS void LANGUAGE sql SECURITY DEFINER
SET search_path = '' AS $$ DELETE FROM auth.users WHERE id = uid $$;
REVOKE EXECUTE ON FUNCTION private.delete_user(uuid) FROM PUBLIC, anon, authenticated;
GRANT EXECUTE ON FUNCTION private.delete_user(uuid) TO service_role;

-- Default privileges taken from PUBLIC before the function is created.
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
CREATE FUNCTION public.purge() RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = ''
AS $$ DELETE FROM public.sessions $$;

-- Trigger functions cannot be called directly.
CREATE FUNCTION public.handle_new_user() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = ''
AS $$ BEGIN INSERT INTO public.profiles (id) VALUES (NEW.id); RETURN NEW; END $$;

-- Made SECURITY INVOKER again, or dropped.
CREATE FUNCTION public.f() RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = '' AS 'SELECT 1';
ALTER FUNCTION public.f() SECURITY INVOKER;
CREATE FUNCTION public.g() RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = '' AS 'SELECT 1';
DROP FUNCTION public.g();
-- Not SECURITY DEFINER.
CREATE FUNCTION public.h() RETURNS int LANGUAGE sql AS 'SELECT 1';
-- Revoked from PUBLIC and granted to the API role that calls it: a
-- deliberate API function (its body checks who calls).
CREATE FUNCTION public.change_password(old text, new text) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
SET search_path = '' AS $$ BEGIN RETURN true; END $$;
REVOKE EXECUTE ON FUNCTION public.change_password(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.change_password(text, text) TO authenticated;
