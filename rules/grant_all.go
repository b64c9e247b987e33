package rules

import "github.com/grantguard/grantguard/lint"

// GrantAll flags GRANT ALL [PRIVILEGES].
var GrantAll = &lint.Rule{
	Meta: lint.Meta{
		ID:       "grant-all",
		Severity: lint.Error,
		Title:    "GRANT ALL gives every privilege on the object",
		Rationale: "GRANT ALL hands out TRUNCATE, REFERENCES, TRIGGER (and on schemas CREATE) along with " +
			"the privileges the role needs, and silently grows when PostgreSQL adds privileges " +
			"(MAINTAIN in 17). The seed guidance: grant only the minimum permissions required — " +
			"readonly roles SELECT, readwrite roles SELECT, INSERT, UPDATE, DELETE.",
		Bad:              "GRANT ALL ON TABLE accounts TO app_readwrite;",
		Good:             "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE accounts TO app_readwrite;",
		Fix:              "List the privileges the role needs. REVOKE ALL is fine and is not reported.",
		Tags:             []string{"least-privilege", "grants"},
		Precision:        "very-high",
		SecuritySeverity: 7.5,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindGo},
	},
	SQL: checkGrantAll,
}

func checkGrantAll(p *lint.SQLPass, s *lint.Stmt) {
	g, verb := grantsOf(s.Node)
	if g == nil || !g.IsGrant {
		return
	}
	all := len(g.Privileges) == 0 // the parser leaves the list empty for ALL
	for _, pr := range g.Privileges {
		if ap := pr.GetAccessPriv(); ap != nil && ap.PrivName == "" { // ALL (col, ...)
			all = true
		}
	}
	if !all {
		return
	}
	p.Report(s, s.Keyword(s.Start(), "ALL"), "%s ALL on %s to %s gives every privilege; grant only the ones needed",
		verb, grantTarget(g), roleList(g.Grantees))
}
