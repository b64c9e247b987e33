-- Only schema api is served: public is not, whatever Supabase grants there.
create table public.todos (id bigint, task text);
create schema api;
grant usage on schema api to anon, authenticated;
create table api.todos (id bigint, task text); -- want "rls-disabled"
grant select on api.todos to anon;
