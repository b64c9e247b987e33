-- Row-level security as a Supabase-style project writes it.
CREATE ROLE anon NOLOGIN;
CREATE ROLE authenticated NOLOGIN;
CREATE SCHEMA auth;
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT NULL::uuid $$;

CREATE TABLE public.profiles (id uuid PRIMARY KEY, name text);
ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Profiles are public" ON public.profiles FOR SELECT USING (true);
CREATE POLICY "Own profile" ON public.profiles FOR UPDATE TO authenticated
  USING (auth.uid() = id) WITH CHECK (auth.uid() = id);
CREATE POLICY guard ON profiles AS RESTRICTIVE FOR ALL TO anon, authenticated USING (name IS NOT NULL);

CREATE TABLE notes (id int, owner uuid);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY ins ON notes FOR INSERT TO authenticated WITH CHECK (owner = auth.uid());
CREATE POLICY del ON notes FOR DELETE USING (owner = auth.uid());

CREATE TABLE later (id int);
CREATE POLICY p ON later USING (id > 0);
