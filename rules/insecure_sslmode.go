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
		Rationale: "disable, allow and prefer can connect without TLS at all; require encrypts but accepts " +
			"any certificate, so a machine in the middle can read everything; verify-ca checks the " +
			"certificate's CA but not that it was issued for this host. Only verify-full protects the " +
			"password and the data. The seed guidance: always require encrypted connections, with " +
			"sslmode=verify-full and sslrootcert.",
		//grantguard:ignore insecure-sslmode the rule's own bad example
		Bad:  "host=db.internal dbname=app user=app sslmode=require",
		Good: "host=db.internal dbname=app user=app sslmode=verify-full sslrootcert=/etc/ssl/certs/db-ca.pem",
		Fix: "Use sslmode=verify-full with sslrootcert pointing at the server's CA (or sslrootcert=system " +
			"for a publicly trusted certificate). Loopback hosts and unix sockets are exempt; add other " +
			"hosts to [tls] exempt_hosts only if their traffic never leaves the machine.",
		Tags:             []string{"tls", "connections"},
		Precision:        "very-high",
		SecuritySeverity: 7.0,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindConfig, lint.KindEnv, lint.KindGo, lint.KindText},
	},
	SQL:   checkInsecureSSLMode,
	Value: checkInsecureSSLModeValue,
	Text:  checkInsecureSSLModeText,
}

// sslmodeRisk explains what a weak sslmode lets through.
func sslmodeRisk(mode string) string {
	switch mode {
	case "disable":
		return "sends the password and data in clear"
	case "allow", "prefer":
		return "falls back to an unencrypted connection without telling anyone"
	case "require":
		return "accepts any certificate, so a machine in the middle can read the traffic"
	case "verify-ca":
		return "does not check that the certificate was issued for this host"
	}
	return "does not verify the server"
}

func weakSSLModeMessage(where, mode string) string {
	return fmt.Sprintf("%s sets sslmode=%s, which %s; use sslmode=verify-full", where, mode, sslmodeRisk(mode))
}

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
	for _, m := range valueConnStrings(v) {
		if m.Info.Weak() && !m.Info.Exempt(exempt) {
			a, b := valueSpan(v, m.Info.SSLModeSpan.Start, m.Info.SSLModeSpan.End)
			p.Report(a, b, "%s", weakSSLModeMessage("connection string in "+v.Key, m.Info.SSLMode))
		}
	}
}

// sslmodeSettingRE finds sslmode given as a keyword argument or setting in
// other languages: sslmode="prefer", sslmode: 'require', PGSSLMODE=disable.
var sslmodeSettingRE = regexp.MustCompile(`(?:\b[Ss][Ss][Ll]_?[Mm][Oo][Dd][Ee]["']?\s*[:=]\s*["']([A-Za-z-]+)["']|\bPGSSLMODE\s*=\s*["']?([A-Za-z-]+))`)

func checkInsecureSSLModeText(p *lint.FilePass, l lint.Line) {
	if commentLine(l.Text) {
		return // advice such as "never use sslmode=disable"
	}
	var spans []conninfo.Span
	for _, m := range conninfo.Find(l.Text) {
		spans = append(spans, m.Span)
		if m.Info.Weak() && !m.Info.Exempt(p.Config.ExemptHosts) {
			sp := m.Info.SSLModeSpan
			p.Report(l.Start+sp.Start, l.Start+sp.End, "%s", weakSSLModeMessage("connection string", m.Info.SSLMode))
		}
	}
outer:
	for _, m := range sslmodeSettingRE.FindAllStringSubmatchIndex(l.Text, -1) {
		a, b := m[2], m[3]
		if a < 0 {
			a, b = m[4], m[5]
		}
		for _, s := range spans {
			if a >= s.Start && a < s.End {
				continue outer // part of a connection string reported above
			}
		}
		mode := strings.ToLower(l.Text[a:b])
		if conninfo.Weak(mode) {
			p.Report(l.Start+a, l.Start+b, "%s", weakSSLModeMessage("sslmode setting", mode))
		}
	}
}
