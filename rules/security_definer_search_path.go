package rules

import (
	"strings"

	"github.com/grantguard/grantguard/lint"
)

// SecurityDefinerSearchPath flags SECURITY DEFINER routines without a
// pinned search_path.
var SecurityDefinerSearchPath = &lint.Rule{
	Meta: lint.Meta{
		ID:       "security-definer-search-path",
		Severity: lint.Warning,
		Title:    "SECURITY DEFINER function or procedure without SET search_path",
		Rationale: "A SECURITY DEFINER routine runs with its owner's privileges. Without its own " +
			"search_path it resolves unqualified names through the caller's search_path, so a caller " +
			"who can create objects in any schema on that path can make it run their code with the " +
			"owner's rights — a privilege escalation the PostgreSQL manual warns about.",
		References: []string{
			"PostgreSQL documentation, CREATE FUNCTION (Writing SECURITY DEFINER Functions Safely) — https://www.postgresql.org/docs/current/sql-createfunction.html",
			"CWE-426: Untrusted Search Path — https://cwe.mitre.org/data/definitions/426.html",
		},
		Bad:              "CREATE FUNCTION app.purge() RETURNS void LANGUAGE sql SECURITY DEFINER\nAS $$ DELETE FROM sessions $$;",
		Good:             "CREATE FUNCTION app.purge() RETURNS void LANGUAGE sql SECURITY DEFINER\nSET search_path = pg_catalog, pg_temp\nAS $$ DELETE FROM app.sessions $$;",
		Fix:              "Add SET search_path = pg_catalog, pg_temp (or a trusted schema list ending in pg_temp) and schema-qualify names in the body.",
		Tags:             []string{"least-privilege", "functions"},
		Precision:        "high",
		SecuritySeverity: 6.0,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindGo},
	},
	SQL:  checkSecurityDefinerSearchPath,
	Live: liveSecurityDefinerSearchPath,
}

func checkSecurityDefinerSearchPath(p *lint.SQLPass, s *lint.Stmt) {
	f := s.Node.GetCreateFunctionStmt()
	if f == nil {
		return
	}
	var definer int32 = -1
	for _, o := range f.Options {
		d := o.GetDefElem()
		switch {
		case d == nil:
		case d.Defname == "security" && defTrue(d):
			definer = d.Location
		case d.Defname == "set" && strings.EqualFold(d.Arg.GetVariableSetStmt().GetName(), "search_path"):
			return
		}
	}
	if definer < 0 {
		return
	}
	kind := "function"
	if f.IsProcedure {
		kind = "procedure"
	}
	p.Report(s, definer, "SECURITY DEFINER %s %s has no SET search_path: callers can hijack unqualified names to run code as its owner",
		kind, qualified(f.Funcname))
}
