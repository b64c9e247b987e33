package rules

import (
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/access"
)

// FunctionExecutableByPublic flags SECURITY DEFINER functions everyone
// may call.
var FunctionExecutableByPublic = &lint.Rule{
	Meta: lint.Meta{
		ID:       access.RuleFunctionPublic,
		Severity: lint.Warning,
		Title:    "SECURITY DEFINER function executable by PUBLIC or an API role",
		Rationale: "PostgreSQL grants EXECUTE on every new function to PUBLIC. A SECURITY DEFINER function runs with " +
			"its owner's privileges, so unless EXECUTE is revoked from PUBLIC every role — and, in a schema whose " +
			"functions the platform grants to the API roles (Supabase's public), anyone calling it through the API " +
			"as anon or authenticated (PostgREST's /rpc) — can do what the owner can within it. PostgreSQL's " +
			"manual recommends revoking it and granting EXECUTE only to the roles that need it; such an explicit " +
			"GRANT EXECUTE to an API role is the deliberate way to offer a function to the API and is not reported. The migrations are replayed: REVOKE EXECUTE ... FROM " +
			"PUBLIC, ALTER DEFAULT PRIVILEGES ... REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC before the function is " +
			"created, SECURITY INVOKER or DROP FUNCTION later in the history all count. Reported at the " +
			"statement that makes the function callable (its SECURITY DEFINER clause, or the GRANT). Trigger " +
			"functions, which cannot be called directly, are not reported.",
		References: []string{
			"PostgreSQL documentation, CREATE FUNCTION (Writing SECURITY DEFINER Functions Safely) — https://www.postgresql.org/docs/current/sql-createfunction.html",
			"PostgreSQL documentation, Privileges (default privileges of functions) — https://www.postgresql.org/docs/current/ddl-priv.html",
			"PostgreSQL documentation, ALTER DEFAULT PRIVILEGES — https://www.postgresql.org/docs/current/sql-alterdefaultprivileges.html",
			"Supabase documentation, Database Functions (security definer vs invoker) — https://supabase.com/docs/guides/database/functions",
			"PostgREST documentation, Functions as RPC — https://docs.postgrest.org/en/stable/references/api/functions.html",
		},
		Bad: "CREATE FUNCTION public.delete_user(uid uuid) RETURNS void LANGUAGE sql SECURITY DEFINER\n" +
			"SET search_path = '' AS $$ DELETE FROM auth.users WHERE id = uid $$;",
		Good: "CREATE FUNCTION private.delete_user(uid uuid) RETURNS void LANGUAGE sql SECURITY DEFINER\n" +
			"SET search_path = '' AS $$ DELETE FROM auth.users WHERE id = uid $$;\n" +
			"REVOKE EXECUTE ON FUNCTION private.delete_user(uuid) FROM PUBLIC, anon, authenticated;\n" +
			"GRANT EXECUTE ON FUNCTION private.delete_user(uuid) TO service_role;",
		Fix: "REVOKE EXECUTE ON FUNCTION ... FROM PUBLIC (and from the API roles), then GRANT EXECUTE to the roles " +
			"that need it; or ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC before creating " +
			"functions. Keep SECURITY DEFINER functions the API should not serve in a schema it does not expose.",
		Tags:             []string{"least-privilege", "functions", "api"},
		Precision:        "high",
		SecuritySeverity: 6.3,
		Kinds:            []lint.Kind{lint.KindSQL},
	},
	Project: func(p *lint.ProjectPass) { reportSecurity(p, access.RuleFunctionPublic) },
}
