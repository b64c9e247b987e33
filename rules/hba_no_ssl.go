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
		Rationale: "A host line matches connections with or without TLS, and a hostnossl line only " +
			"those without: passwords and data from those clients cross the network in clear. The seed " +
			"guidance: always require encrypted connections.",
		Bad:              "host      all all 10.0.0.0/8 scram-sha-256",
		Good:             "hostssl   all all 10.0.0.0/8 scram-sha-256",
		Fix:              "Use hostssl (or hostgssenc) for every non-loopback line; keep host only for 127.0.0.1/32 and ::1/128.",
		Tags:             []string{"tls", "pg_hba"},
		Precision:        "very-high",
		SecuritySeverity: 6.0,
		Kinds:            []lint.Kind{lint.KindHBA},
	},
	HBA: checkHBANoSSL,
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
