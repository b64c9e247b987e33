package rules

import (
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/hba"
)

// HBATrust flags pg_hba.conf trust authentication.
var HBATrust = &lint.Rule{
	Meta: lint.Meta{
		ID:       "hba-trust",
		Severity: lint.Error,
		Title:    "pg_hba.conf lets clients in without authentication (trust)",
		Rationale: "trust accepts any client that matches the line as whichever role it claims to be, " +
			"superuser included, with no password or certificate. On a host line that is anyone who " +
			"can reach the port from the listed addresses; on a local line, any user of the machine. " +
			"The official postgres image's POSTGRES_HOST_AUTH_METHOD=trust writes \"host all all all trust\", " +
			"and POSTGRES_INITDB_ARGS --auth, --auth-host and --auth-local choose the method of initdb's local " +
			"and loopback lines. PgBouncer's auth_type = trust admits any client as any user in its auth_file, " +
			"and auth_type = any under any name; only the Unix socket (no listen_addr) makes them a warning.",
		References: []string{
			"PostgreSQL documentation, Trust Authentication — https://www.postgresql.org/docs/current/auth-trust.html",
			"PostgreSQL documentation, The pg_hba.conf File — https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
			"CWE-306: Missing Authentication for Critical Function — https://cwe.mitre.org/data/definitions/306.html",
			"Docker Official Image postgres, Environment Variables — https://hub.docker.com/_/postgres",
			"PostgreSQL documentation, initdb — https://www.postgresql.org/docs/current/app-initdb.html",
			"PgBouncer configuration, auth_type — https://www.pgbouncer.org/config.html#auth_type",
		},
		Bad: "host    all  all  10.0.0.0/8  trust\n" +
			"# docker-compose.yml: environment: { POSTGRES_HOST_AUTH_METHOD: trust }\n" +
			"# pgbouncer.ini:      auth_type = trust",
		Good: "hostssl all  all  10.0.0.0/8  scram-sha-256\n" +
			"# docker-compose.yml: environment: { POSTGRES_HOST_AUTH_METHOD: scram-sha-256 }\n" +
			"# pgbouncer.ini:      auth_type = scram-sha-256",
		Fix:              "Use scram-sha-256, cert or peer (for local connections) instead of trust.",
		Tags:             []string{"authentication", "pg_hba"},
		Precision:        "very-high",
		SecuritySeverity: 9.0,
		Kinds:            []lint.Kind{lint.KindHBA, lint.KindConfig, lint.KindEnv, lint.KindText, lint.KindPgBouncer},
	},
	HBA:       checkHBATrust,
	Value:     checkHBATrustValue,
	Text:      checkHBATrustText,
	PgBouncer: checkHBATrustPgBouncer,
	Live:      liveHBATrust,
}

func checkHBATrust(p *lint.FilePass, r *hba.Record) {
	if r.Method.Value != "trust" {
		return
	}
	switch {
	case r.Type.Value == "local":
		p.ReportRange(r.Method.Span.Start, r.Method.Span.End, lint.Warning,
			"local line uses trust: every OS user of the machine can connect as any role, superuser included")
	case hostRecordTypes[r.Type.Value]:
		p.ReportRange(r.Method.Span.Start, r.Method.Span.End, lint.Error,
			"%s line uses trust: any client from %s can connect as any role without a password", r.Type.Value, addressText(r))
	}
}

// addressText names a record's address for messages.
func addressText(r *hba.Record) string {
	if r.Address == nil {
		return "anywhere"
	}
	if r.Mask != nil {
		return r.Address.Value + " " + r.Mask.Value
	}
	return r.Address.Value
}
