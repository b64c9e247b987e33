package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/cfgvalue"
	"github.com/grantguard/grantguard/lint/conninfo"
)

// InsecureSSLMode flags sslmode values that do not verify the server.
var InsecureSSLMode = &lint.Rule{
	Meta: lint.Meta{
		ID:       "insecure-sslmode",
		Severity: lint.Error,
		Title:    "sslmode does not verify the server (anything but verify-full)",
		Rationale: "disable, allow and prefer can connect without TLS at all; require encrypts but accepts any " +
			"certificate, so a machine in the middle can read everything; verify-ca checks the certificate's " +
			"CA but not that it was issued for this host. Only verify-full protects the password and the " +
			"data, with sslrootcert naming the CA to trust. PgBouncer's server_tls_sslmode is the same setting " +
			"for the pooler's connections to the server (its default, prefer, is not reported; a setting is).",
		References: []string{
			"PostgreSQL documentation, SSL Support (Protection Provided in Different Modes) — https://www.postgresql.org/docs/current/libpq-ssl.html",
			"Amazon RDS User Guide, Using SSL with a PostgreSQL DB instance — https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html",
			"CWE-295: Improper Certificate Validation — https://cwe.mitre.org/data/definitions/295.html",
			"PgBouncer configuration, server_tls_sslmode — https://www.pgbouncer.org/config.html#server_tls_sslmode",
		},
		//grantguard:ignore insecure-sslmode the rule's own bad example
		Bad:  "host=db.internal dbname=app user=app sslmode=require",
		Good: "host=db.internal dbname=app user=app sslmode=verify-full sslrootcert=/etc/ssl/certs/db-ca.pem",
		Fix: "Use sslmode=verify-full with sslrootcert pointing at the server's CA (or sslrootcert=system " +
			"for a publicly trusted certificate). Loopback hosts and unix sockets are exempt; add other " +
			"hosts to [tls] exempt_hosts only if their traffic never leaves the machine.",
		Tags:             []string{"tls", "connections"},
		Precision:        "very-high",
		SecuritySeverity: 7.0,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindConfig, lint.KindEnv, lint.KindGo, lint.KindText, lint.KindPgBouncer},
	},
	SQL:       checkInsecureSSLMode,
	Value:     checkInsecureSSLModeValue,
	Text:      checkInsecureSSLModeText,
	PgBouncer: checkInsecureSSLModePgBouncer,
}

// sslmodeRisk explains what a weak sslmode lets through.
func sslmodeRisk(mode string) string {
	switch mode {
	case "disable":
		return "sends the password and data in clear"
	case "allow", "prefer":
		return "falls back to an unencrypted connection without telling anyone"
	case "require", "no-verify":
		return "accepts any certificate, so a machine in the middle can read the traffic"
	case "verify-ca":
		return "does not check that the certificate was issued for this host"
	}
	return "does not verify the server"
}

// remoteRisk says what a weak sslmode exposes if the host, which is decided
// at run time, is on another machine.
func remoteRisk(mode string) string {
	switch mode {
	case "disable":
		return "the password and data are exposed"
	case "allow", "prefer":
		return "the password and data may be exposed, as the connection can fall back to plain text"
	case "require", "no-verify":
		return "a machine in the middle can read the traffic, as any certificate is accepted"
	case "verify-ca":
		return "a certificate issued for another host is accepted"
	}
	return "the server is not verified"
}

// WeakSSLModeMessage is the insecure-sslmode message for a connection
// string (where names it: "connection string", "fmt.Sprintf format
// string") that sets a weak sslmode. hostAtRunTime says that its host is
// filled in at run time (conninfo.Info.HostSetAtRunTime): it may be a local
// socket, so the message does not claim that anything crosses a network.
func WeakSSLModeMessage(where, mode string, hostAtRunTime bool) string {
	if hostAtRunTime {
		return fmt.Sprintf("%s sets sslmode=%s for %s; if that host is on another machine, %s; use sslmode=verify-full",
			where, mode, conninfo.RunTimeHost, remoteRisk(mode))
	}
	return fmt.Sprintf("%s sets sslmode=%s, which %s; use sslmode=verify-full", where, mode, sslmodeRisk(mode))
}

func weakSSLModeMessage(where, mode string) string { return WeakSSLModeMessage(where, mode, false) }

func checkInsecureSSLMode(p *lint.SQLPass, s *lint.Stmt) {
	exempt := p.Config.ExemptHosts
	if opts, stmt, _ := fdwOptions(s.Node); stmt != "" {
		var hosts []string
		for _, o := range opts {
			if o.name == "host" {
				hosts = append(hosts, o.value)
			}
		}
		// CREATE SERVER without a host connects through the local socket;
		// ALTER SERVER does not say where the server points.
		if (len(hosts) > 0 || s.Node.GetCreateForeignServerStmt() != nil) && hostsExempt(hosts, exempt) {
			return
		}
		for _, o := range opts {
			if o.name != "sslmode" || !conninfo.Weak(o.value) {
				continue
			}
			if lit, ok := s.LiteralWithValue(o.loc, o.value); ok {
				p.ReportLiteral(s, lit, 0, len(lit.Value), "%s", weakSSLModeMessage(stmt, o.value))
			} else {
				p.Report(s, o.loc, "%s", weakSSLModeMessage(stmt, o.value))
			}
		}
		return
	}
	for _, c := range sqlConnStrings(s) {
		if !c.info.Weak() || c.info.Exempt(exempt) {
			continue
		}
		sp := c.info.SSLModeSpan
		if c.info.HostSetAtRunTime(exempt) {
			p.ReportSeverity(s, int32(c.lit.At(sp.Start)), lint.Warning, "%s", WeakSSLModeMessage(c.where, c.info.SSLMode, true))
			continue
		}
		p.ReportLiteral(s, c.lit, sp.Start, sp.End, "%s", weakSSLModeMessage(c.where, c.info.SSLMode))
	}
}

// hostsExempt reports whether fdw host options name only exempt hosts; a
// server without a host option connects through the local socket.
func hostsExempt(hosts, exempt []string) bool {
	if len(hosts) == 0 {
		return true
	}
	for _, h := range hosts {
		info, err := conninfo.Parse("host='" + escapeConninfo(h) + "'")
		if err != nil || !info.Exempt(exempt) {
			return false
		}
	}
	return true
}

func escapeConninfo(v string) string {
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		if v[i] == '\'' || v[i] == '\\' {
			out = append(out, '\\')
		}
		out = append(out, v[i])
	}
	return string(out)
}

// hostKeys name the host a config block connects to.
var hostKeys = []string{"host", "hostname", "hostaddr", "server", "PGHOST", "db_host", "DB_HOST"}

func checkInsecureSSLModeValue(p *lint.FilePass, v *cfgvalue.Value) {
	exempt := p.Config.ExemptHosts
	if sslmodeKey(v.Key) && v.Kind == cfgvalue.String && conninfo.Weak(strings.TrimSpace(v.Text)) {
		if h := sibling(p.Values, v, hostKeys...); h != nil && h.Kind == cfgvalue.String && hostsExempt([]string{h.Text}, exempt) {
			return
		}
		mode := strings.ToLower(strings.TrimSpace(v.Text))
		p.Report(v.Start, v.End, "%s: %s %s; use verify-full", v.Key, mode, sslmodeRisk(mode))
		return
	}
	if name, val, off, ok := envAssignment(v); ok && sslmodeKey(name) && conninfo.Weak(strings.TrimSpace(val)) {
		a, b := valueSpan(v, off, off+len(val))
		mode := strings.ToLower(strings.TrimSpace(val))
		p.Report(a, b, "%s: %s %s; use verify-full", name, mode, sslmodeRisk(mode))
		return
	}
	// Kubernetes env lists: - name: PGSSLMODE / value: require.
	if v.Key == "value" && v.Kind == cfgvalue.String && conninfo.Weak(strings.TrimSpace(v.Text)) {
		if n := sibling(p.Values, v, "name"); n != nil && n.Kind == cfgvalue.String && sslmodeKey(n.Text) && isAllUpper(n.Text) {
			mode := strings.ToLower(strings.TrimSpace(v.Text))
			p.Report(v.Start, v.End, "%s: %s %s; use verify-full", n.Text, mode, sslmodeRisk(mode))
			return
		}
	}
	for _, m := range valueConnStrings(v) {
		if m.Info.Weak() && !m.Info.Exempt(exempt) {
			a, b := valueSpan(v, m.Info.SSLModeSpan.Start, m.Info.SSLModeSpan.End)
			runTime := m.Info.HostSetAtRunTime(exempt)
			p.ReportRange(a, b, runTimeSeverity(runTime), "%s", WeakSSLModeMessage("connection string in "+valueName(v), m.Info.SSLMode, runTime))
		}
	}
}

// runTimeSeverity is the severity of a weak sslmode: a warning, not the
// rule's error, when the host is set at run time and may be local.
func runTimeSeverity(hostAtRunTime bool) lint.Severity {
	if hostAtRunTime {
		return lint.Warning
	}
	return 0
}

// sslmodeSettingRE finds sslmode given as a keyword argument or setting in
// other languages — sslmode="prefer", sslmode: 'require' (group 1) — and
// the PGSSLMODE environment variable: PGSSLMODE=disable, a Dockerfile's
// ENV PGSSLMODE disable (group 2).
var sslmodeSettingRE = regexp.MustCompile(`(?:\b[Ss][Ss][Ll]_?[Mm][Oo][Dd][Ee]["']?\s*[:=]\s*["']([A-Za-z-]+)["']|(?:\bPGSSLMODE\s*=\s*|\bENV[ \t]+PGSSLMODE[ \t]+)["']?([A-Za-z-]+))`)

func checkInsecureSSLModeText(p *lint.FilePass, l lint.Line) {
	if commentLine(l.Text) {
		return // advice such as "never use sslmode=disable"
	}
	exempt := p.Config.ExemptHosts
	var spans []conninfo.Span
	for _, m := range conninfo.Find(l.Text) {
		spans = append(spans, m.Span)
		if m.Info.Weak() && !m.Info.Exempt(exempt) {
			sp := m.Info.SSLModeSpan
			runTime := m.Info.HostSetAtRunTime(exempt)
			p.ReportRange(l.Start+sp.Start, l.Start+sp.End, runTimeSeverity(runTime), "%s",
				WeakSSLModeMessage("connection string", m.Info.SSLMode, runTime))
		}
	}
outer:
	for _, m := range sslmodeSettingRE.FindAllStringSubmatchIndex(l.Text, -1) {
		a, b := m[2], m[3]
		env := a < 0
		if env {
			a, b = m[4], m[5]
		}
		for _, s := range spans {
			if a >= s.Start && a < s.End {
				continue outer // part of a connection string reported above
			}
		}
		mode := strings.ToLower(l.Text[a:b])
		switch {
		case !conninfo.Weak(mode):
		case env:
			p.Report(l.Start+a, l.Start+b, "PGSSLMODE: %s %s; use verify-full", mode, sslmodeRisk(mode))
		default:
			p.Report(l.Start+a, l.Start+b, "%s", weakSSLModeMessage("sslmode setting", mode))
		}
	}
}
