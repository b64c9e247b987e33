package rules

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/grantguard/grantguard/lint"
)

// GrantOption flags WITH GRANT OPTION and WITH ADMIN OPTION.
var GrantOption = &lint.Rule{
	Meta: lint.Meta{
		ID:       "grant-option",
		Severity: lint.Warning,
		Title:    "WITH GRANT OPTION or WITH ADMIN OPTION lets the grantee pass access on",
		Rationale: "A role holding a privilege WITH GRANT OPTION (or a role membership WITH ADMIN OPTION) can give " +
			"it to any other role, so who can access the data is no longer decided by the migrations you " +
			"review, and reading them no longer tells you who has access. Taking the privilege back then " +
			"needs REVOKE ... CASCADE to reach the grants made with it.",
		References: []string{
			"PostgreSQL documentation, GRANT — https://www.postgresql.org/docs/current/sql-grant.html",
			"PostgreSQL documentation, REVOKE — https://www.postgresql.org/docs/current/sql-revoke.html",
			"PostgreSQL documentation, Privileges — https://www.postgresql.org/docs/current/ddl-priv.html",
		},
		Bad:              "GRANT SELECT ON TABLE orders TO reporting WITH GRANT OPTION;\nGRANT app_readwrite TO team_lead WITH ADMIN OPTION;",
		Good:             "GRANT SELECT ON TABLE orders TO reporting;\nGRANT app_readwrite TO team_lead;",
		Fix:              "Grant without the option; let only the owning administration role grant access.",
		Tags:             []string{"least-privilege", "grants"},
		Precision:        "very-high",
		SecuritySeverity: 5.0,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindGo},
	},
	SQL:  checkGrantOption,
	Live: liveGrantOption,
}

func checkGrantOption(p *lint.SQLPass, s *lint.Stmt) {
	if g, verb := grantsOf(s.Node); g != nil {
		if g.IsGrant && g.GrantOption {
			grantees := roleList(g.Grantees)
			p.Report(s, withGrantOption(s), "%s %s on %s to %s WITH GRANT OPTION lets %s grant it to anyone",
				verb, privileges(g), grantTarget(p, s, g), grantees, grantees)
		}
		return
	}
	g := s.Node.GetGrantRoleStmt()
	if g == nil || !g.IsGrant {
		return
	}
	for _, o := range g.Opt {
		if d := o.GetDefElem(); d != nil && d.Defname == "admin" && defTrue(d) {
			grantees := roleList(g.GranteeRoles)
			p.Report(s, withBefore(s, d.Location), "GRANT %s TO %s WITH ADMIN %s lets %s grant the role to anyone",
				grantedRoles(g), grantees, adminValue(s, d.Location), grantees)
		}
	}
}

// adminValue returns the value of the ADMIN option at location loc as
// written: OPTION (WITH ADMIN OPTION) or TRUE.
func adminValue(s *lint.Stmt, loc int32) string {
	toks := s.Tokens()
	for i, t := range toks {
		if t.Start == loc && i+1 < len(toks) && toks[i+1].Token == pg_query.Token_TRUE_P {
			return "TRUE"
		}
	}
	return "OPTION"
}
