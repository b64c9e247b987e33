package rules

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/grantguard/grantguard/lint"
)

// GrantToPublic flags privileges granted to PUBLIC.
var GrantToPublic = &lint.Rule{
	Meta: lint.Meta{
		ID:       "grant-to-public",
		Severity: lint.Warning,
		Title:    "Privilege granted to PUBLIC, that is to every role",
		Rationale: "PUBLIC is every role that exists now or is created later, including roles for other " +
			"applications and for people. A grant to PUBLIC cannot be reviewed per role and defeats the " +
			"role hierarchy of the seed guidance.",
		Bad:              "GRANT SELECT ON TABLE customers TO PUBLIC;",
		Good:             "GRANT SELECT ON TABLE customers TO app_readonly;",
		Fix:              "Grant to a group role (app_readonly, app_readwrite) and make the users members of it.",
		Tags:             []string{"least-privilege", "grants"},
		Precision:        "very-high",
		SecuritySeverity: 5.5,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindGo},
	},
	SQL: checkGrantToPublic,
}

func checkGrantToPublic(p *lint.SQLPass, s *lint.Stmt) {
	g, verb := grantsOf(s.Node)
	if g == nil || !g.IsGrant {
		return
	}
	for _, n := range g.Grantees {
		if r := n.GetRoleSpec(); r != nil && r.Roletype == pg_query.RoleSpecType_ROLESPEC_PUBLIC {
			p.Report(s, r.Location, "%s %s on %s to PUBLIC gives it to every role, present and future", verb, privileges(g), grantTarget(g))
		}
	}
}
