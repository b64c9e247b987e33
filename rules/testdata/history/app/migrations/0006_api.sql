-- Tables, policies, a view and functions an API serves (the roles anon
-- and authenticated), some fixed by the next migration.
CREATE TABLE public.todos (id int, owner uuid); -- undone "rls-disabled"
GRANT SELECT, INSERT, DELETE ON public.todos TO anon;
CREATE TABLE public.tags (id int); -- want "rls-disabled"
GRANT SELECT ON public.tags TO anon;
CREATE POLICY own ON public.todos USING (owner = auth.uid()); -- undone "policy-without-rls"
CREATE POLICY anyone ON public.todos FOR INSERT TO anon WITH CHECK (true); -- undone "permissive-rls-policy"
CREATE POLICY everyone ON public.todos FOR DELETE TO anon USING (true); -- want "permissive-rls-policy"
CREATE VIEW public.todo_list AS SELECT id FROM public.todos; -- undone "security-definer-view"
GRANT SELECT ON public.todo_list TO anon;
CREATE VIEW public.tag_list AS SELECT id FROM public.todos; -- want "security-definer-view"
GRANT SELECT ON public.tag_list TO authenticated;
CREATE FUNCTION public.wipe() RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = '' AS 'DELETE FROM public.todos'; -- undone "function-executable-by-public"
CREATE FUNCTION public.counts() RETURNS bigint LANGUAGE sql SECURITY DEFINER SET search_path = '' AS 'SELECT 1'; -- want "function-executable-by-public"
