package rules

import (
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/access"
)

// RLSDisabled flags tables an HTTP API serves without row-level security.
var RLSDisabled = &lint.Rule{
	Meta: lint.Meta{
		ID:       access.RuleRLSDisabled,
		Severity: lint.Error,
		Title:    "Table exposed to an API role without row-level security",
		Rationale: "Supabase, PostgREST and PostGraphile turn every table of the schemas they serve into an HTTP " +
			"endpoint, and run each request as a database role: anon for anyone holding the public key, " +
			"authenticated for any signed-in user. Those roles are granted the table (Supabase grants everything " +
			"in public by default), so row-level security is the only thing that decides which rows a request " +
			"sees or changes; without it, every row can be read or written by anyone on the internet the day the " +
			"migration is deployed. The migrations are replayed: a table counts when an API role can use its " +
			"schema and holds a privilege on it (directly, through PUBLIC, default privileges or a role it " +
			"inherits) and the schema is one the API serves. The API settings come from [api] in the config, " +
			"else from supabase/config.toml ([api] schemas; roles anon and authenticated; public granted by " +
			"default) or a PostgREST config (db-schemas, db-anon-role) beside the migrations, else the roles " +
			"anon and authenticated (and those granted to a role named authenticator) and the grants the " +
			"migrations make. Reported where row-level security is left off (the table's name in CREATE TABLE, or " +
			"DISABLE ROW LEVEL SECURITY), also when a later GRANT exposes the table; not when a later migration " +
			"enables row-level security, revokes the privilege or drops the table. Tables in a schema the API does not serve, and " +
			"tables no migration creates, are not reported.",
		References: []string{
			refRowSecurity,
			"PostgreSQL documentation, ALTER TABLE (ENABLE ROW LEVEL SECURITY) — https://www.postgresql.org/docs/current/sql-altertable.html",
			refSupabaseRLS,
			"Supabase documentation, Securing your API — https://supabase.com/docs/guides/api/securing-your-api",
			refPostgRESTAuth,
			"PostGraphile documentation, Security — https://www.graphile.org/postgraphile/security/",
			refSupabaseLint,
		},
		Bad: "CREATE TABLE public.todos (id bigint PRIMARY KEY, user_id uuid, task text);\n" +
			"GRANT SELECT, INSERT ON public.todos TO anon;",
		Good: "CREATE TABLE public.todos (id bigint PRIMARY KEY, user_id uuid, task text);\n" +
			"ALTER TABLE public.todos ENABLE ROW LEVEL SECURITY;\n" +
			"CREATE POLICY \"own todos\" ON public.todos TO authenticated\n" +
			"  USING ((SELECT auth.uid()) = user_id) WITH CHECK ((SELECT auth.uid()) = user_id);",
		Fix: "ALTER TABLE ... ENABLE ROW LEVEL SECURITY in the migration that creates the table, and add policies for " +
			"what each API role may see and change. A table the API should not serve belongs in a schema it does " +
			"not expose, or needs its privileges revoked from the API roles.",
		Tags:             []string{"row-level-security", "api", "supabase", "postgrest"},
		Precision:        "high",
		SecuritySeverity: 8.6,
		Kinds:            []lint.Kind{lint.KindSQL},
	},
	Project: func(p *lint.ProjectPass) { reportSecurity(p, access.RuleRLSDisabled) },
}
