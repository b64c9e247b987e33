alter table public.profiles enable row level security;
create policy "profiles are public" on public.profiles for select using (true);
create policy "anyone can update" on public.profiles for update using (true); -- want "permissive-rls-policy"
create view public.profile_names as select username from public.profiles; -- want "security-definer-view"
-- Revoked from PUBLIC only: Supabase's default privileges still give it
-- to anon and authenticated.
create function public.purge_all() returns void language sql security definer set search_path = '' -- want "function-executable-by-public"
as $$ delete from public.profiles $$;
revoke execute on function public.purge_all() from public;
create function public.delete_account() returns void language sql security definer set search_path = '' -- undone "function-executable-by-public"
as $$ delete from public.profiles where id = auth.uid() $$;
revoke execute on function public.delete_account() from public, anon;
grant execute on function public.delete_account() to authenticated;
