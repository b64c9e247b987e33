package rules

import (
	"strings"

	"github.com/grantguard/grantguard/lint"
)

// PasswordNoExpiry flags VALID UNTIL 'infinity'.
var PasswordNoExpiry = &lint.Rule{
	Meta: lint.Meta{
		ID:       "password-no-expiry",
		Severity: lint.Note,
		Title:    "Role password never expires (VALID UNTIL 'infinity')",
		Rationale: "VALID UNTIL 'infinity' states on purpose that the role's password never expires, so a password " +
			"that leaks — from a config file, a log, a departed contractor — keeps working until someone " +
			"notices and changes it. An expiry date bounds that window and makes temporary access end by " +
			"itself. VALID UNTIL limits password authentication only.",
		References: []string{
			"PostgreSQL documentation, CREATE ROLE — https://www.postgresql.org/docs/current/sql-createrole.html",
			"OWASP Secrets Management Cheat Sheet — https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
			"CWE-262: Not Using Password Aging — https://cwe.mitre.org/data/definitions/262.html",
		},
		Bad:              "ALTER ROLE contractor VALID UNTIL 'infinity';",
		Good:             "ALTER ROLE contractor VALID UNTIL '2026-03-31';",
		Fix:              "Set an expiry date and rotate the password before it, or use IAM/certificate authentication.",
		Tags:             []string{"passwords", "roles"},
		Precision:        "very-high",
		SecuritySeverity: 2.0,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindGo},
	},
	SQL:  checkPasswordNoExpiry,
	Live: livePasswordNoExpiry,
}

func checkPasswordNoExpiry(p *lint.SQLPass, s *lint.Stmt) {
	rs, ok := asRoleStmt(s)
	if !ok {
		return
	}
	for _, d := range rs.options {
		if v, ok := defString(d); ok && d.Defname == "validUntil" && strings.EqualFold(strings.TrimSpace(v), "infinity") {
			p.Report(s, d.Location, "%s %s sets VALID UNTIL 'infinity': the password never expires", rs.verb, rs.role)
		}
	}
}
