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
			"can reach the port from the listed addresses; on a local line, any user of the machine.",
		References: []string{
			"PostgreSQL documentation, Trust Authentication — https://www.postgresql.org/docs/current/auth-trust.html",
			"PostgreSQL documentation, The pg_hba.conf File — https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
			"CWE-306: Missing Authentication for Critical Function — https://cwe.mitre.org/data/definitions/306.html",
		},
		Bad:              "host    all  all  10.0.0.0/8  trust",
		Good:             "hostssl all  all  10.0.0.0/8  scram-sha-256",
		Fix:              "Use scram-sha-256, cert or peer (for local connections) instead of trust.",
		Tags:             []string{"authentication", "pg_hba"},
		Precision:        "very-high",
		SecuritySeverity: 9.0,
		Kinds:            []lint.Kind{lint.KindHBA},
	},
	HBA:  checkHBATrust,
	Live: liveHBATrust,
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
