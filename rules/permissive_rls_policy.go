package rules

import (
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/access"
)

// PermissiveRLSPolicy flags permissive policies that let an API role write
// every row.
var PermissiveRLSPolicy = &lint.Rule{
	Meta: lint.Meta{
		ID:       access.RulePermissivePolicy,
		Severity: lint.Warning,
		Title:    "Permissive policy lets an API role write any row",
		Rationale: "Permissive policies are combined with OR: one whose USING or WITH CHECK is always true (true, " +
			"1 = 1, NOT false, x OR true) opens the table to its roles whatever the other policies say. For INSERT " +
			"that means any row can be written, for UPDATE and DELETE any row changed or removed, for ALL both; " +
			"when the roles are an API's (anon, authenticated, or a role one of them inherits) or PUBLIC, and an API " +
			"role holds the privilege on the table through a schema the API serves, anyone with the public key or " +
			"any signed-in user can do it through the API. Reading with USING (true) on " +
			"SELECT is a deliberate choice for public data and is not reported; neither are restrictive policies, " +
			"nor conditions such as (SELECT auth.uid()) = user_id. Reported at the always-true expression; not " +
			"when a later migration alters or drops the policy, or the table.",
		References: []string{
			refCreatePolicy,
			refRowSecurity,
			refSupabaseRLS,
			refSupabaseLint,
		},
		Bad: "CREATE POLICY \"anyone can edit\" ON public.profiles FOR UPDATE TO anon, authenticated\n" +
			"  USING (true) WITH CHECK (true);",
		Good: "CREATE POLICY \"edit own profile\" ON public.profiles FOR UPDATE TO authenticated\n" +
			"  USING ((SELECT auth.uid()) = id) WITH CHECK ((SELECT auth.uid()) = id);",
		Fix: "Write the condition that ties a row to the requesting user (auth.uid(), current_user, a membership " +
			"check), or restrict the policy to a role the API does not run as.",
		Tags:             []string{"row-level-security", "api", "supabase", "postgrest"},
		Precision:        "high",
		SecuritySeverity: 7.1,
		Kinds:            []lint.Kind{lint.KindSQL},
	},
	Project: func(p *lint.ProjectPass) { reportSecurity(p, access.RulePermissivePolicy) },
}
