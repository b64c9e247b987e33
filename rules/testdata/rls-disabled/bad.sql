-- Tables the API roles reach without row-level security.
CREATE TABLE public.todos (id bigint PRIMARY KEY, user_id uuid, task text); -- want "rls-disabled@14"
GRANT SELECT, INSERT ON public.todos TO anon;

CREATE TABLE public.profiles (id uuid PRIMARY KEY, name text);
ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.profiles DISABLE ROW LEVEL SECURITY; -- want "rls-disabled@29"
GRANT SELECT ON public.profiles TO authenticated;

-- Through a role the API role inherits from, and ALL TABLES IN SCHEMA.
CREATE ROLE readers NOLOGIN;
GRANT readers TO authenticated;
CREATE TABLE api.items (id int); -- want "rls-disabled@14"
GRANT USAGE ON SCHEMA api TO readers;
GRANT SELECT ON ALL TABLES IN SCHEMA api TO readers;

-- Through default privileges, to PUBLIC.
CREATE SCHEMA shop;
GRANT USAGE ON SCHEMA shop TO anon;
ALTER DEFAULT PRIVILEGES IN SCHEMA shop GRANT SELECT ON TABLES TO PUBLIC;
CREATE TABLE shop.orders (id int); -- want "rls-disabled@14"
