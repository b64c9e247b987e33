package rules

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/cfgvalue"
	"github.com/grantguard/grantguard/lint/pgconf"
)

// SSLDisabled flags turning the server's TLS off.
var SSLDisabled = &lint.Rule{
	Meta: lint.Meta{
		ID:       "ssl-disabled",
		Severity: lint.Error,
		Title:    "Server TLS is turned off or not required",
		Rationale: "With ssl = off the server cannot accept encrypted connections at all, so passwords and data " +
			"cross the network in clear and clients cannot verify the server. A client set to require or " +
			"verify-full cannot connect, and one left at the default prefer silently connects in clear. " +
			"Managed servers keep TLS on but let the operator stop requiring it: RDS and Aurora's " +
			"rds.force_ssl = 0, Cloud SQL's ssl_mode = ALLOW_UNENCRYPTED_AND_ENCRYPTED (or the older " +
			"require_ssl = false), Azure's require_secure_transport = off (ssl_enforcement_enabled = false on a " +
			"single server). The server then accepts a client that does not ask for TLS, and every client left at " +
			"sslmode=prefer, or tricked into a downgrade, talks to it in clear. These are reported as warnings; " +
			"ssl = off, which leaves no way to connect securely, is an error.",
		References: []string{
			"PostgreSQL documentation, Connections and Authentication (ssl) — https://www.postgresql.org/docs/current/runtime-config-connection.html",
			"PostgreSQL documentation, Secure TCP/IP Connections with SSL — https://www.postgresql.org/docs/current/ssl-tcp.html",
			"PostgreSQL documentation, SSL Support (Protection Provided in Different Modes) — https://www.postgresql.org/docs/current/libpq-ssl.html",
			"Amazon RDS User Guide, Using SSL with a PostgreSQL DB instance (rds.force_ssl) — https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html",
			"Google Cloud SQL for PostgreSQL, Configure SSL/TLS certificates (ssl_mode) — https://cloud.google.com/sql/docs/postgres/configure-ssl-instance",
			"Azure Database for PostgreSQL flexible server, Encrypted connectivity using TLS (require_secure_transport) — https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/how-to-connect-tls-ssl",
			"CWE-319: Cleartext Transmission of Sensitive Information — https://cwe.mitre.org/data/definitions/319.html",
			"CIS PostgreSQL Benchmark — https://www.cisecurity.org/benchmark/postgresql",
		},
		Bad:  "ALTER SYSTEM SET ssl = off;",
		Good: "ALTER SYSTEM SET ssl = on;",
		Fix: "Set ssl = on with a certificate and key, and require hostssl in pg_hba.conf. On managed servers " +
			"require TLS: rds.force_ssl = 1, Cloud SQL ssl_mode = ENCRYPTED_ONLY (or " +
			"TRUSTED_CLIENT_CERTIFICATE_REQUIRED), Azure require_secure_transport = on.",
		Tags:             []string{"tls", "server-config"},
		Precision:        "very-high",
		SecuritySeverity: 8.0,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindPGConf, lint.KindConfig, lint.KindGo},
	},
	SQL:    checkSSLDisabled,
	PGConf: checkSSLDisabledConf,
	Value:  checkSSLDisabledValue,
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

// checkSSLDisabledValue reports TLS turned off or not required for a
// managed server in infrastructure code: a server parameter (ssl,
// rds.force_ssl, require_secure_transport), Cloud SQL's ssl_mode and
// require_ssl, and Azure single server's ssl_enforcement_enabled.
func checkSSLDisabledValue(p *lint.FilePass, v *cfgvalue.Value) {
	if c, ok := cloudServerParam(p, v); ok {
		switch {
		case c.name == "ssl" && c.off():
			p.Report(v.Start, v.End, "server parameter ssl = %s turns off TLS for every connection", c.value)
		case c.name == "rds.force_ssl" && c.provider == "aws" && c.off():
			p.ReportRange(v.Start, v.End, lint.Warning, "rds.force_ssl = %s: the server accepts connections without TLS", c.value)
		case c.name == "require_secure_transport" && c.provider == "azure" && c.off():
			p.ReportRange(v.Start, v.End, lint.Warning, "require_secure_transport = %s: the server accepts connections without TLS", c.value)
		}
		return
	}
	switch v.Key {
	case "ssl_mode", "require_ssl", "ssl_enforcement_enabled":
	default:
		return
	}
	if p.Format != "terraform" || !cloudLiteral(p, v) {
		return
	}
	s, ok := cloudScopeOf(p, v)
	if !ok || s.notPostgres() {
		return
	}
	switch v.Key {
	case "ssl_mode", "require_ssl":
		if !cloudSQLIPConfiguration(s, v) {
			return
		}
		if v.Key == "ssl_mode" && strings.EqualFold(v.Text, "ALLOW_UNENCRYPTED_AND_ENCRYPTED") {
			p.ReportRange(v.Start, v.End, lint.Warning, "Cloud SQL ssl_mode = %s accepts connections without TLS", v.Text)
		}
		// ssl_mode, when set, takes priority over the older require_ssl.
		if v.Key == "require_ssl" && cloudFalse(v) && sibling(p.Values, v, "ssl_mode") == nil {
			p.ReportRange(v.Start, v.End, lint.Warning, "Cloud SQL require_ssl = false accepts connections without TLS")
		}
	case "ssl_enforcement_enabled":
		if s.depth(v) == 1 && (s.kind == "azurerm_postgresql_server" || s.azurePostgresModule()) && cloudFalse(v) {
			p.ReportRange(v.Start, v.End, lint.Warning, "ssl_enforcement_enabled = false: the server accepts connections without TLS")
		}
	}
}

// cloudSQLIPConfiguration reports whether v is written in the
// ip_configuration of a Cloud SQL instance: the block of
// google_sql_database_instance, or the object input of the sql-db
// postgresql module (its read replicas' too).
func cloudSQLIPConfiguration(s cloudScope, v *cfgvalue.Value) bool {
	rel := v.Path[len(s.prefix):]
	switch {
	case s.kind == "google_sql_database_instance":
		return len(rel) == 5 && rel[0] == "settings" && rel[2] == "ip_configuration"
	case s.cloudSQLModule():
		return len(rel) >= 2 && strings.HasSuffix(rel[len(rel)-2], "ip_configuration")
	}
	return false
}
