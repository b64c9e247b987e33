package rules

import "github.com/grantguard/grantguard/lint"

// UnrecordedAccess is reported by grantguard drift: access the server has
// that no migration gives.
var UnrecordedAccess = &lint.Rule{
	Meta: lint.Meta{
		ID:       "unrecorded-access",
		Severity: lint.Error,
		Title:    "The server grants access that no migration gives",
		Rationale: "When migrations are the record of who may do what, anything the server has beyond them was " +
			"given by hand: a GRANT typed in psql during an incident, a role created for a contractor and never " +
			"dropped, an attribute switched on to unblock a deploy. Nobody reviewed it, nothing will take it away, " +
			"and an access review of the migrations does not see it. grantguard drift replays the migrations, reads " +
			"the server, and reports each role, attribute, membership, ownership, privilege (by grantor) and " +
			"default privilege the server has beyond them.",
		References: []string{
			"PostgreSQL documentation, Privileges — https://www.postgresql.org/docs/current/ddl-priv.html",
			"PostgreSQL documentation, Database Roles — https://www.postgresql.org/docs/current/user-manag.html",
			"OWASP Top 10, A01:2021 Broken Access Control — https://owasp.org/Top10/A01_2021-Broken_Access_Control/",
			"NIST SP 800-53 Rev. 5, AC-2 Account Management — https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final",
		},
		Bad: "-- migrations/0002_reporting.sql\nGRANT SELECT ON app.orders TO reporting;\n" +
			"-- typed in psql on the server later\nGRANT UPDATE ON app.orders TO reporting;",
		Good: "-- migrations/0007_reporting_corrections.sql, reviewed and applied like any other\n" +
			"GRANT UPDATE ON app.orders TO reporting;",
		Fix: "Take the access away on the server (REVOKE, ALTER ROLE ... NO<attribute>, DROP ROLE), or, when it is " +
			"meant to stay, write it into a migration so it is reviewed and reproducible. Roles the platform " +
			"manages go in [drift] ignore_roles.",
		Tags:             []string{"drift", "least-privilege", "roles"},
		Precision:        "high",
		SecuritySeverity: 7.0,
		Kinds:            []lint.Kind{lint.KindSQL},
	},
}
