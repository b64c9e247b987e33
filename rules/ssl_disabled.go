package rules

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/pgconf"
)

// SSLDisabled flags turning the server's TLS off.
var SSLDisabled = &lint.Rule{
	Meta: lint.Meta{
		ID:       "ssl-disabled",
		Severity: lint.Error,
		Title:    "Server TLS is turned off (ssl = off)",
		Rationale: "With ssl = off the server cannot accept encrypted connections at all, so passwords and data " +
			"cross the network in clear and clients cannot verify the server. A client set to require or " +
			"verify-full cannot connect, and one left at the default prefer silently connects in clear.",
		References: []string{
			"PostgreSQL documentation, Connections and Authentication (ssl) — https://www.postgresql.org/docs/current/runtime-config-connection.html",
			"PostgreSQL documentation, Secure TCP/IP Connections with SSL — https://www.postgresql.org/docs/current/ssl-tcp.html",
			"PostgreSQL documentation, SSL Support (Protection Provided in Different Modes) — https://www.postgresql.org/docs/current/libpq-ssl.html",
			"CWE-319: Cleartext Transmission of Sensitive Information — https://cwe.mitre.org/data/definitions/319.html",
			"CIS PostgreSQL Benchmark — https://www.cisecurity.org/benchmark/postgresql",
		},
		Bad:              "ALTER SYSTEM SET ssl = off;",
		Good:             "ALTER SYSTEM SET ssl = on;",
		Fix:              "Set ssl = on with a certificate and key, and require hostssl in pg_hba.conf.",
		Tags:             []string{"tls", "server-config"},
		Precision:        "very-high",
		SecuritySeverity: 8.0,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindPGConf, lint.KindGo},
	},
	SQL:    checkSSLDisabled,
	PGConf: checkSSLDisabledConf,
	Live:   liveSSLDisabled,
}

func checkSSLDisabled(p *lint.SQLPass, s *lint.Stmt) {
	a := s.Node.GetAlterSystemStmt()
	if a == nil || a.Setstmt == nil || !strings.EqualFold(a.Setstmt.Name, "ssl") {
		return
	}
	if v, loc, ok := setValue(a.Setstmt); ok && boolOff(v) {
		p.Report(s, loc, "ALTER SYSTEM SET ssl = %s turns off TLS for every connection", v)
	}
}

// setValue returns the single value of SET name = value as text.
func setValue(v *pg_query.VariableSetStmt) (string, int32, bool) {
	if v.Kind != pg_query.VariableSetKind_VAR_SET_VALUE || len(v.Args) != 1 {
		return "", 0, false
	}
	c := v.Args[0].GetAConst()
	switch {
	case c == nil:
		return "", 0, false
	case c.GetSval() != nil:
		return c.GetSval().Sval, c.Location, true
	case c.GetIval() != nil:
		if c.GetIval().Ival == 0 {
			return "0", c.Location, true
		}
		return "1", c.Location, true
	case c.GetBoolval() != nil:
		if c.GetBoolval().Boolval {
			return "true", c.Location, true
		}
		return "false", c.Location, true
	}
	return "", 0, false
}

// boolOff reports whether a PostgreSQL boolean setting value means false.
// PostgreSQL accepts any unambiguous prefix of off, false and no, and 0.
func boolOff(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	if v == "" || v == "o" {
		return false
	}
	for _, w := range []string{"off", "false", "no", "0"} {
		if strings.HasPrefix(w, v) {
			return true
		}
	}
	return false
}

func checkSSLDisabledConf(p *lint.FilePass, f *pgconf.File) {
	s := f.Last("ssl")
	if s == nil {
		return
	}
	if on, ok := pgconf.Bool(s.Value); ok && !on {
		p.Report(s.ValueSpan.Start, s.ValueSpan.End, "ssl = %s turns off TLS for every connection", s.Value)
	}
}
