package rules

import (
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/hba"
)

// HBAWeakAuth flags password and md5 authentication in pg_hba.conf.
var HBAWeakAuth = &lint.Rule{
	Meta: lint.Meta{
		ID:       "hba-weak-auth",
		Severity: lint.Error,
		Title:    "pg_hba.conf uses cleartext (password) or MD5 authentication",
		Rationale: "password sends the password in clear over the connection. md5 stores and checks MD5 hashes, " +
			"which an attacker who reads them can replay to log in. scram-sha-256 is the default " +
			"password_encryption since PostgreSQL 14, and MD5 passwords are deprecated since PostgreSQL 18. " +
			"The same methods are reported where the official postgres image sets them " +
			"(POSTGRES_HOST_AUTH_METHOD, POSTGRES_INITDB_ARGS --auth*) and in PgBouncer's auth_type: plain " +
			"sends the password in clear, and md5 logs in with MD5 every user whose auth_file entry is not a SCRAM secret.",
		References: []string{
			"PostgreSQL documentation, Password Authentication — https://www.postgresql.org/docs/current/auth-password.html",
			"PostgreSQL documentation, The pg_hba.conf File — https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
			"PostgreSQL documentation, Connections and Authentication (password_encryption) — https://www.postgresql.org/docs/current/runtime-config-connection.html",
			"PostgreSQL 18 release notes — https://www.postgresql.org/docs/18/release-18.html",
			"Docker Official Image postgres, Environment Variables — https://hub.docker.com/_/postgres",
			"PgBouncer configuration, auth_type — https://www.pgbouncer.org/config.html#auth_type",
		},
		Bad: "host all all 10.0.0.0/8 md5\n" +
			"# docker-compose.yml: environment: [POSTGRES_HOST_AUTH_METHOD=md5]\n" +
			"# pgbouncer.ini:      auth_type = plain",
		Good: "hostssl all all 10.0.0.0/8 scram-sha-256\n" +
			"# docker-compose.yml: environment: [POSTGRES_HOST_AUTH_METHOD=scram-sha-256]\n" +
			"# pgbouncer.ini:      auth_type = scram-sha-256",
		Fix:              "Set password_encryption = scram-sha-256, reset the passwords, and use scram-sha-256 (or cert) in pg_hba.conf.",
		Tags:             []string{"authentication", "pg_hba"},
		Precision:        "very-high",
		SecuritySeverity: 6.5,
		Kinds:            []lint.Kind{lint.KindHBA, lint.KindConfig, lint.KindEnv, lint.KindText, lint.KindPgBouncer},
	},
	HBA:       checkHBAWeakAuth,
	Value:     checkHBAWeakAuthValue,
	Text:      checkHBAWeakAuthText,
	PgBouncer: checkHBAWeakAuthPgBouncer,
	Live:      liveHBAWeakAuth,
}

func checkHBAWeakAuth(p *lint.FilePass, r *hba.Record) {
	switch r.Method.Value {
	case "password":
		p.ReportRange(r.Method.Span.Start, r.Method.Span.End, lint.Error,
			"%s line uses password authentication: the password crosses the connection in clear; use scram-sha-256", r.Type.Value)
	case "md5":
		p.ReportRange(r.Method.Span.Start, r.Method.Span.End, lint.Warning,
			"%s line uses md5: MD5 hashes can be replayed and are deprecated; use scram-sha-256", r.Type.Value)
	}
}
