create role web_anon nologin;
create role todo_user nologin;
create role authenticator noinherit login;
grant web_anon to authenticator;
grant todo_user to authenticator;

create schema api;
create table api.todos (id serial primary key, done boolean not null default false, task text not null); -- want "rls-disabled"
grant usage on schema api to web_anon, todo_user;
grant select on api.todos to web_anon;
grant all on api.todos to todo_user; -- want "grant-all"

-- Not served by PostgREST: public is not in db-schemas.
create table public.secrets (id int);
grant select on public.secrets to web_anon;
