package rules

import (
	"net/netip"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/hba"
)

// HBANoSSL flags pg_hba.conf lines that accept unencrypted connections.
var HBANoSSL = &lint.Rule{
	Meta: lint.Meta{
		ID:       "hba-no-ssl",
		Severity: lint.Warning,
		Title:    "pg_hba.conf accepts unencrypted connections from the network",
		Rationale: "A host line matches connections with or without TLS, and a hostnossl line only those without: " +
			"passwords and data from those clients cross the network in clear. Only hostssl (or hostgssenc) " +
			"lines make the server refuse an unencrypted connection; otherwise each client's sslmode decides, " +
			"and disable, allow and prefer all accept one in clear. PgBouncer decides for its clients with " +
			"client_tls_sslmode: disable (its default) ignores a client's request for TLS, allow and prefer " +
			"accept clients in clear. It is reported when listen_addr takes clients from beyond loopback; an " +
			"unset client_tls_sslmode only as a warning, at listen_addr, and not when an %include may set it, " +
			"since TLS may also be terminated in front of the pooler.",
		References: []string{
			"PostgreSQL documentation, The pg_hba.conf File — https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
			"PostgreSQL documentation, Secure TCP/IP Connections with SSL — https://www.postgresql.org/docs/current/ssl-tcp.html",
			"PostgreSQL documentation, SSL Support (Protection Provided in Different Modes) — https://www.postgresql.org/docs/current/libpq-ssl.html",
			"CWE-319: Cleartext Transmission of Sensitive Information — https://cwe.mitre.org/data/definitions/319.html",
			"PgBouncer configuration, client_tls_sslmode — https://www.pgbouncer.org/config.html#client_tls_sslmode",
		},
		Bad: "host      all all 10.0.0.0/8 scram-sha-256\n" +
			"# pgbouncer.ini: listen_addr = *, client_tls_sslmode = prefer",
		Good: "hostssl   all all 10.0.0.0/8 scram-sha-256\n" +
			"# pgbouncer.ini: listen_addr = *, client_tls_sslmode = require",
		Fix:              "Use hostssl (or hostgssenc) for every non-loopback line; keep host only for 127.0.0.1/32 and ::1/128.",
		Tags:             []string{"tls", "pg_hba"},
		Precision:        "very-high",
		SecuritySeverity: 6.0,
		Kinds:            []lint.Kind{lint.KindHBA, lint.KindConfig, lint.KindPgBouncer},
	},
	HBA:       checkHBANoSSL,
	PgBouncer: checkHBANoSSLPgBouncer,
	Live:      liveHBANoSSL,
}

func checkHBANoSSL(p *lint.FilePass, r *hba.Record) {
	t := r.Type.Value
	if (t != "host" && t != "hostnossl" && t != "hostnogssenc") || r.Method.Value == "reject" || loopbackOnly(r) {
		return
	}
	if t == "hostnossl" {
		p.ReportRange(r.Type.Span.Start, r.Type.Span.End, lint.Error,
			"hostnossl line accepts only unencrypted connections, from %s", addressText(r))
		return
	}
	p.ReportRange(r.Type.Span.Start, r.Type.Span.End, lint.Warning,
		"%s line accepts unencrypted connections from %s; use hostssl", t, addressText(r))
}

// loopbackOnly reports whether a record admits only this machine.
func loopbackOnly(r *hba.Record) bool {
	if r.Address == nil {
		return true
	}
	switch r.Address.Value {
	case "samehost":
		return true
	case "localhost":
		return !r.Address.Quoted
	}
	pr, ok := r.Prefix()
	if !ok {
		return false
	}
	lo4, lo6 := netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")
	pr = pr.Masked()
	return (lo4.Bits() <= pr.Bits() && lo4.Contains(pr.Addr())) || (lo6.Bits() <= pr.Bits() && lo6.Contains(pr.Addr()))
}
