alter table public.profiles enable row level security;
create policy "profiles are public" on public.profiles for select using (true);
create policy "anyone can update" on public.profiles for update using (true); -- want "permissive-rls-policy"
create view public.profile_names as select username from public.profiles; -- want "security-definer-view"
