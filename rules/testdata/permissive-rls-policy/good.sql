CREATE TABLE public.profiles (id uuid PRIMARY KEY, name text);
ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
-- Reading everything is a deliberate choice.
CREATE POLICY "public profiles" ON public.profiles FOR SELECT TO anon USING (true);
-- Conditions tied to the user.
CREATE POLICY "edit own" ON public.profiles FOR UPDATE TO authenticated
  USING ((SELECT auth.uid()) = id) WITH CHECK ((SELECT auth.uid()) = id);
CREATE POLICY "add own" ON public.profiles FOR INSERT TO authenticated WITH CHECK (auth.uid() = id);
CREATE POLICY "not nobody" ON public.profiles FOR DELETE TO authenticated USING (auth.uid() IS NOT NULL);
-- Restrictive policies narrow access.
CREATE POLICY gate ON public.profiles AS RESTRICTIVE FOR ALL TO anon USING (true);
-- A role the API does not run as.
CREATE POLICY admin ON public.profiles FOR ALL TO service_role USING (true) WITH CHECK (true);
-- An API role named, on a table it holds no privilege on: nothing opens.
CREATE TABLE public.ledger (id int);
ALTER TABLE public.ledger ENABLE ROW LEVEL SECURITY;
CREATE POLICY open_ledger ON public.ledger FOR INSERT TO anon WITH CHECK (true);
-- PUBLIC on a table no API role reaches.
CREATE TABLE internal (id int);
ALTER TABLE internal ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone ON internal USING (true);
-- Later narrowed, or dropped.
CREATE POLICY loose ON public.profiles FOR UPDATE TO authenticated USING (true);
ALTER POLICY loose ON public.profiles USING (auth.uid() = id);
CREATE POLICY gone ON public.profiles FOR INSERT TO anon WITH CHECK (true);
DROP POLICY gone ON public.profiles;
