package rules

import (
	"strings"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/cfgvalue"
	"github.com/grantguard/grantguard/lint/conninfo"
)

// MissingSSLMode flags connection strings to remote hosts without sslmode.
var MissingSSLMode = &lint.Rule{
	Meta: lint.Meta{
		ID:       "missing-sslmode",
		Severity: lint.Warning,
		Title:    "Connection to a remote host sets no sslmode",
		Rationale: "Without sslmode, libpq and pgx use prefer — TLS if the server offers it, plain text " +
			"otherwise, and no certificate check either way; lib/pq uses require, which encrypts but " +
			"verifies nothing. A connection that does not say verify-full does not get it.",
		References: []string{
			"PostgreSQL documentation, Database Connection Control Functions (sslmode) — https://www.postgresql.org/docs/current/libpq-connect.html",
			"PostgreSQL documentation, SSL Support (Protection Provided in Different Modes) — https://www.postgresql.org/docs/current/libpq-ssl.html",
			"pgx, pgconn.ParseConfig — https://pkg.go.dev/github.com/jackc/pgx/v5/pgconn#ParseConfig",
			"lib/pq, SSLMode — https://pkg.go.dev/github.com/lib/pq#SSLMode",
		},
		//grantguard:ignore missing-sslmode the rule's own bad example
		Bad:              "postgres://app@db.example.com:5432/app",
		Good:             "postgres://app@db.example.com:5432/app?sslmode=verify-full&sslrootcert=system",
		Fix:              "Add sslmode=verify-full (with sslrootcert) to the connection string or set PGSSLMODE=verify-full where it runs.",
		Tags:             []string{"tls", "connections"},
		Precision:        "high",
		SecuritySeverity: 5.0,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindConfig, lint.KindEnv, lint.KindGo, lint.KindText},
	},
	SQL:   checkMissingSSLMode,
	Value: checkMissingSSLModeValue,
	Text:  checkMissingSSLModeText,
}

// remoteFDWs are the wrappers that connect to a PostgreSQL server with libpq.
var remoteFDWs = map[string]bool{"postgres_fdw": true, "dblink_fdw": true}

func checkMissingSSLMode(p *lint.SQLPass, s *lint.Stmt) {
	exempt := p.Config.ExemptHosts
	if c := s.Node.GetCreateForeignServerStmt(); c != nil {
		opts, stmt, wrapper := fdwOptions(s.Node)
		if !remoteFDWs[wrapper] {
			return
		}
		var host *fdwOption
		for i, o := range opts {
			switch o.name {
			case "sslmode":
				return
			case "host":
				host = &opts[i]
			}
		}
		if host == nil || hostsExempt([]string{host.value}, exempt) {
			return
		}
		p.Report(s, host.loc, "%s connects to %s with no sslmode; %s; add OPTIONS (sslmode 'verify-full')",
			stmt, display(host.value), conninfo.DefaultSSLModeNote(""))
		return
	}
	for _, c := range sqlConnStrings(s) {
		if c.info.SSLMode != "" || c.pgbouncer || c.info.Exempt(exempt) {
			continue
		}
		p.ReportLiteral(s, c.lit, c.start, c.start, "%s to %s sets no sslmode; %s; add sslmode=verify-full",
			c.where, c.info.HostList(), conninfo.DefaultSSLModeNote(""))
	}
}

func checkMissingSSLModeValue(p *lint.FilePass, v *cfgvalue.Value) {
	for _, m := range valueConnStrings(v) {
		if !sslModeMissing(m, p.Config.ExemptHosts) || setsPGSSLMode(p.Values) {
			continue
		}
		a, _ := valueSpan(v, m.Span.Start, m.Span.End)
		p.Report(a, -1, "connection string in %s to %s sets no sslmode; %s; add sslmode=verify-full",
			valueName(v), m.Info.HostList(), conninfo.DefaultSSLModeNote(""))
	}
}

// sslModeMissing reports whether a connection string found in text sets no
// sslmode where one matters: it is not exempt, and not a PgBouncer
// [databases] entry, which takes no sslmode.
func sslModeMissing(m conninfo.Match, exempt []string) bool {
	return m.Info.SSLMode == "" && !m.PgBouncer && !m.Info.Exempt(exempt)
}

// setsPGSSLMode reports whether an env file sets PGSSLMODE, which libpq
// applies to connection strings that do not set sslmode themselves.
func setsPGSSLMode(values []cfgvalue.Value) bool {
	for i := range values {
		if values[i].Key == "PGSSLMODE" && strings.TrimSpace(values[i].Text) != "" {
			return true
		}
	}
	return false
}

func checkMissingSSLModeText(p *lint.FilePass, l lint.Line) {
	if commentLine(l.Text) {
		return
	}
	for _, m := range conninfo.Find(l.Text) {
		if !sslModeMissing(m, p.Config.ExemptHosts) {
			continue
		}
		p.Report(l.Start+m.Span.Start, -1, "connection string to %s sets no sslmode; %s; add sslmode=verify-full",
			m.Info.HostList(), conninfo.DefaultSSLModeNote(""))
	}
}
