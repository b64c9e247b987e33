-- Row-level security on, in the same migration or a later statement.
CREATE TABLE public.todos (id bigint PRIMARY KEY, user_id uuid, task text);
ALTER TABLE public.todos ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON public.todos TO anon, authenticated;
CREATE POLICY "own todos" ON public.todos TO authenticated
  USING ((SELECT auth.uid()) = user_id) WITH CHECK ((SELECT auth.uid()) = user_id);

CREATE TABLE public.later (id int);
GRANT SELECT ON public.later TO anon;
ALTER TABLE public.later ENABLE ROW LEVEL SECURITY;

-- A private schema the API roles may not use.
CREATE SCHEMA private;
CREATE TABLE private.secrets (id int, value text);
GRANT SELECT ON private.secrets TO authenticated;

-- Not granted to an API role at all, or revoked again.
CREATE TABLE public.internal (id int);
GRANT SELECT ON public.internal TO reporting;
CREATE TABLE public.revoked (id int);
GRANT SELECT ON public.revoked TO anon;
REVOKE SELECT ON public.revoked FROM anon;

-- Dropped, or a view (security-definer-view's concern), or a table no
-- migration creates.
CREATE TABLE public.scratch (id int);
GRANT ALL ON public.scratch TO anon;
DROP TABLE public.scratch;
GRANT SELECT ON auth.users TO authenticated;
