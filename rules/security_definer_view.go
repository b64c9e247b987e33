package rules

import (
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/access"
)

// SecurityDefinerView flags views an API role reads that bypass row-level
// security.
var SecurityDefinerView = &lint.Rule{
	Meta: lint.Meta{
		ID:       access.RuleDefinerView,
		Severity: lint.Warning,
		Title:    "View readable by an API role bypasses row-level security",
		Rationale: "A view reads its tables with the privileges of the view's owner unless it is created WITH " +
			"(security_invoker = true) (PostgreSQL 15 and later). Row-level security is then checked against " +
			"the owner — usually the migration user, a superuser or the table's owner, to whom the policies do " +
			"not apply — so an API role that can select from the view sees every row of a table whose policies " +
			"would have hidden them. Reported at the CREATE VIEW (or ALTER VIEW ... RESET) of a view that an API " +
			"role can read through a schema the API serves and that reads, directly or through other views, a " +
			"table with row-level security on; not when a later migration sets security_invoker, revokes the " +
			"privilege or drops the view.",
		References: []string{
			"PostgreSQL documentation, CREATE VIEW (security_invoker) — https://www.postgresql.org/docs/current/sql-createview.html",
			refRowSecurity,
			"Supabase documentation, Securing your API (views) — https://supabase.com/docs/guides/database/postgres/row-level-security#views",
			refSupabaseLint,
		},
		Bad: "ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;\n" +
			"CREATE VIEW public.order_totals AS SELECT customer_id, sum(total) FROM public.orders GROUP BY 1;",
		Good: "ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;\n" +
			"CREATE VIEW public.order_totals WITH (security_invoker = true) AS\n" +
			"  SELECT customer_id, sum(total) FROM public.orders GROUP BY 1;",
		Fix: "Create the view WITH (security_invoker = true), or ALTER VIEW ... SET (security_invoker = true); on " +
			"servers before 15, move the view to a schema the API does not serve or revoke SELECT from the API roles.",
		Tags:             []string{"row-level-security", "views", "api", "supabase", "postgrest"},
		Precision:        "high",
		SecuritySeverity: 6.5,
		Kinds:            []lint.Kind{lint.KindSQL},
	},
	Project: func(p *lint.ProjectPass) { reportSecurity(p, access.RuleDefinerView) },
}
