-- Supabase grants anon and authenticated everything in public: a table
-- there is open until row-level security is on.
create table public.countries (id bigint primary key, name text); -- want "rls-disabled"
create table public.profiles (id uuid primary key references auth.users, username text); -- undone "rls-disabled"
create table public.private_notes (id bigint, owner uuid, body text); -- undone "rls-disabled"
alter table public.private_notes enable row level security;
create policy "own notes" on public.private_notes for all to authenticated
  using ((select auth.uid()) = owner) with check ((select auth.uid()) = owner);

-- Revoked from the API roles: not served.
create table public.audit_log (id bigint, entry text); -- undone "rls-disabled"
revoke all on public.audit_log from anon, authenticated;

-- Not a served schema.
create schema internal;
create table internal.jobs (id bigint);
grant usage on schema internal to authenticated;
grant select on internal.jobs to authenticated;

create function public.is_admin() returns boolean language sql security definer set search_path = '' -- want "function-executable-by-public"
as $$ select false $$;
create function public.handle_new_user() returns trigger language plpgsql security definer set search_path = ''
as $$ begin insert into public.profiles (id) values (new.id); return new; end $$;
