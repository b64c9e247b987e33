CREATE TABLE public.profiles (id uuid PRIMARY KEY, name text);
ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON public.profiles TO anon, authenticated;
CREATE POLICY "anyone can edit" ON public.profiles FOR UPDATE TO anon, authenticated
  USING (true) WITH CHECK (true); -- want "permissive-rls-policy@10"
CREATE POLICY "anyone can add" ON public.profiles FOR INSERT TO authenticated
  WITH CHECK (1 = 1); -- want "permissive-rls-policy@15"
CREATE POLICY "anyone can delete" ON public.profiles FOR DELETE TO anon USING (NOT false); -- want "permissive-rls-policy@80"
CREATE POLICY everything ON public.profiles TO authenticated USING ('t'::boolean); -- want "permissive-rls-policy@69"

-- PUBLIC (no TO) on a table an API role reaches.
CREATE TABLE public.messages (id int, body text);
ALTER TABLE public.messages ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON public.messages TO anon;
CREATE POLICY post ON public.messages FOR INSERT WITH CHECK (true); -- want "permissive-rls-policy@62"
