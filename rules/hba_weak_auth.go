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
			"password_encryption since PostgreSQL 14, and MD5 passwords are deprecated since PostgreSQL 18.",
		References: []string{
			"PostgreSQL documentation, Password Authentication — https://www.postgresql.org/docs/current/auth-password.html",
			"PostgreSQL documentation, The pg_hba.conf File — https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
			"PostgreSQL documentation, Connections and Authentication (password_encryption) — https://www.postgresql.org/docs/current/runtime-config-connection.html",
			"PostgreSQL 18 release notes — https://www.postgresql.org/docs/18/release-18.html",
		},
		Bad:              "host all all 10.0.0.0/8 md5",
		Good:             "hostssl all all 10.0.0.0/8 scram-sha-256",
		Fix:              "Set password_encryption = scram-sha-256, reset the passwords, and use scram-sha-256 (or cert) in pg_hba.conf.",
		Tags:             []string{"authentication", "pg_hba"},
		Precision:        "very-high",
		SecuritySeverity: 6.5,
		Kinds:            []lint.Kind{lint.KindHBA},
	},
	HBA:  checkHBAWeakAuth,
	Live: liveHBAWeakAuth,
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
