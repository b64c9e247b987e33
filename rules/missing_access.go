package rules

import "github.com/grantguard/grantguard/lint"

// MissingAccess is reported by grantguard drift: access the migrations
// give that the server lacks.
var MissingAccess = &lint.Rule{
	Meta: lint.Meta{
		ID:       "missing-access",
		Severity: lint.Warning,
		Title:    "The migrations give access the server lacks",
		Rationale: "A role, attribute, membership or privilege the migrations give but the server does not have " +
			"means the two no longer describe the same database: a migration that failed halfway or was never " +
			"applied, a REVOKE typed by hand, a role dropped outside the migrations. It is rarely a hole in itself, " +
			"but the next migration, the access review and any restore from the migrations all assume a state the " +
			"server is not in.",
		References: []string{
			"PostgreSQL documentation, Privileges — https://www.postgresql.org/docs/current/ddl-priv.html",
			"PostgreSQL documentation, GRANT — https://www.postgresql.org/docs/current/sql-grant.html",
			"PostgreSQL documentation, Database Roles — https://www.postgresql.org/docs/current/user-manag.html",
		},
		Bad: "-- migrations/0002_reporting.sql\nGRANT SELECT ON app.orders TO reporting;\n" +
			"-- typed in psql on the server later\nREVOKE SELECT ON app.orders FROM reporting;",
		Good: "-- migrations/0008_reporting_no_orders.sql, reviewed and applied like any other\n" +
			"REVOKE SELECT ON app.orders FROM reporting;",
		Fix: "Find out why the server differs: apply the missing migration, or record the removal in a new " +
			"migration so the migrations and the server agree again.",
		Tags:             []string{"drift", "roles"},
		Precision:        "high",
		SecuritySeverity: 3.0,
		Kinds:            []lint.Kind{lint.KindSQL},
	},
}
