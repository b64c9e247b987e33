package rules

import (
	"net/netip"
	"strings"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/conninfo"
	"github.com/grantguard/grantguard/lint/pgbouncer"
)

// PgBouncer settings are read from the [pgbouncer] section; section names
// and keys are case-sensitive in PgBouncer, values are not.
const pgbouncerSection = "pgbouncer"

// pgbouncerValue returns the value PgBouncer uses for key, lower-cased,
// and its setting; nil when the file does not set it.
func pgbouncerValue(f *pgbouncer.File, key string) (string, *pgbouncer.Setting) {
	s := f.Last(pgbouncerSection, key)
	if s == nil {
		return "", nil
	}
	return strings.ToLower(s.Value), s
}

// pgbouncerListen tells where a PgBouncer accepts clients: tcp when it
// listens on a TCP address, remote when one of them is not loopback. An
// unset listen_addr means the Unix socket only, unless an %include may set
// it; an address PgBouncer resolves by name counts as remote.
func pgbouncerListen(f *pgbouncer.File) (listen *pgbouncer.Setting, tcp, remote bool) {
	listen = f.Last(pgbouncerSection, "listen_addr")
	if listen == nil {
		unknown := len(f.Includes) > 0
		return nil, unknown, unknown
	}
	for _, a := range strings.Split(listen.Value, ",") {
		a = strings.TrimSpace(a)
		if a == "" {
			continue
		}
		tcp = true
		if !loopbackAddr(a) {
			remote = true
		}
	}
	return listen, tcp, remote
}

func loopbackAddr(a string) bool {
	if strings.EqualFold(a, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(strings.Trim(a, "[]"))
	return err == nil && ip.IsLoopback()
}

func checkHBATrustPgBouncer(p *lint.FilePass, f *pgbouncer.File) {
	mode, s := pgbouncerValue(f, "auth_type")
	if mode != "trust" && mode != "any" {
		return
	}
	listen, tcp, _ := pgbouncerListen(f)
	who := "any client"
	if listen != nil {
		who = "any client that reaches listen_addr " + listen.Value
	}
	sev := lint.Error
	if !tcp {
		// Only the Unix socket: like a local trust line of pg_hba.conf.
		who, sev = "every OS user of the machine (PgBouncer listens on its Unix socket only)", lint.Warning
	}
	if mode == "trust" {
		p.ReportRange(s.ValueSpan.Start, s.ValueSpan.End, sev,
			"auth_type = trust: %s can connect as any user listed in auth_file, without a password", who)
		return
	}
	p.ReportRange(s.ValueSpan.Start, s.ValueSpan.End, sev,
		"auth_type = any: %s can connect under any user name, without a password, and the admin console admits anyone", who)
}

func checkHBAWeakAuthPgBouncer(p *lint.FilePass, f *pgbouncer.File) {
	switch mode, s := pgbouncerValue(f, "auth_type"); mode {
	case "plain":
		p.ReportRange(s.ValueSpan.Start, s.ValueSpan.End, lint.Error,
			"auth_type = plain: clients send their password in clear; use scram-sha-256")
	case "md5":
		p.ReportRange(s.ValueSpan.Start, s.ValueSpan.End, lint.Warning,
			"auth_type = md5: clients whose auth_file entry is not a SCRAM secret log in with MD5, whose hashes can be replayed; use scram-sha-256")
	}
}

func checkHBANoSSLPgBouncer(p *lint.FilePass, f *pgbouncer.File) {
	listen, _, remote := pgbouncerListen(f)
	if !remote {
		return
	}
	where := "the listen_addr of an included file"
	if listen != nil {
		where = listen.Value
	}
	mode, s := pgbouncerValue(f, "client_tls_sslmode")
	switch {
	case s == nil && listen != nil && len(f.Includes) == 0 && !lint.IsPlaceholder(listen.Value) && !strings.HasPrefix(listen.Value, "$"):
		// An address filled in at deploy time ({{ }}, ${VAR}, $VAR) may be
		// loopback; "*" is not a mask but every address.
		p.ReportRange(listen.ValueSpan.Start, listen.ValueSpan.End, lint.Warning,
			"listen_addr = %s takes clients from the network, and client_tls_sslmode is not set: its default, disable, ignores a client's request for TLS, so passwords and data cross the network in clear; set client_tls_sslmode = require", where)
	case mode == "disable":
		p.ReportRange(s.ValueSpan.Start, s.ValueSpan.End, lint.Error,
			"client_tls_sslmode = disable: PgBouncer, listening on %s, ignores a client's request for TLS, so passwords and data cross the network in clear; use require", where)
	case mode == "allow" || mode == "prefer":
		p.ReportRange(s.ValueSpan.Start, s.ValueSpan.End, lint.Warning,
			"client_tls_sslmode = %s: PgBouncer, listening on %s, accepts clients without TLS; use require", mode, where)
	}
}

func checkInsecureSSLModePgBouncer(p *lint.FilePass, f *pgbouncer.File) {
	mode, s := pgbouncerValue(f, "server_tls_sslmode")
	if s == nil || !conninfo.Weak(mode) || pgbouncerServersExempt(f, p.Config.ExemptHosts) {
		return
	}
	p.Report(s.ValueSpan.Start, s.ValueSpan.End, "server_tls_sslmode = %s: the connection from PgBouncer to the server %s; use verify-full with server_tls_ca_file", mode, sslmodeRisk(mode))
}

// pgbouncerServersExempt reports whether every [databases] entry connects
// to an exempt host (loopback, a Unix socket — the default when an entry
// names no host — or a [tls] exempt_hosts entry). A file without entries,
// or with an %include that may add some, does not tell where PgBouncer
// connects.
func pgbouncerServersExempt(f *pgbouncer.File, exempt []string) bool {
	dbs := f.In("databases")
	if len(dbs) == 0 || len(f.Includes) > 0 {
		return false
	}
	for _, db := range dbs {
		params, ok := pgbouncer.ParseConnString(db.Value)
		if !ok {
			return false
		}
		var hosts []string
		for _, pr := range params {
			if pr.Key == "host" {
				hosts = strings.Split(pr.Value, ",")
			}
		}
		if !hostsExempt(hosts, exempt) {
			return false
		}
	}
	return true
}

func checkHardcodedPasswordPgBouncer(p *lint.FilePass, f *pgbouncer.File) {
	for _, db := range f.In("databases") {
		params, _ := pgbouncer.ParseConnString(db.Value)
		for _, pr := range params {
			if pr.Key != "password" || conninfo.IsTemplate(pr.Value) || lint.IsPlaceholder(pr.Value) || conninfo.NamesPassword("password", pr.Value) {
				continue
			}
			a, b := db.ValueSpan.Start+pr.ValueSpan.Start, db.ValueSpan.Start+pr.ValueSpan.End
			p.SecretRange(a, b)
			p.Report(a, b, "[databases] entry %s holds a literal password (%s)", db.Key, lint.Redact(pr.Value))
		}
	}
}

// checkHardcodedPasswordUserList reports the passwords of an auth_file
// that log in as they are: a password in clear, and an MD5 hash, which
// md5 authentication (PgBouncer's and the server's) accepts in place of
// the password. A SCRAM secret is a verifier: it lets PgBouncer check a
// client's password, not log in as that user, so it is not reported.
func checkHardcodedPasswordUserList(p *lint.FilePass, u *pgbouncer.User) {
	pw := u.Password
	if pw == "" || strings.HasPrefix(pw, "SCRAM-SHA-256$") || conninfo.IsTemplate(pw) || lint.IsPlaceholder(pw) {
		return
	}
	a, b := u.PasswordSpan.Start, u.PasswordSpan.End
	p.SecretRange(a, b)
	if md5Hash(pw) {
		p.Report(a, b, "auth_file entry for %s holds an MD5 password hash (%s), which logs in as is wherever md5 authentication is accepted", u.Name, lint.Redact(pw))
		return
	}
	p.Report(a, b, "auth_file entry for %s holds a password in clear (%s)", u.Name, lint.Redact(pw))
}

// md5Hash reports whether pw is a PostgreSQL MD5 password hash: "md5" and
// 32 hex digits.
func md5Hash(pw string) bool {
	if len(pw) != 35 || !strings.HasPrefix(pw, "md5") {
		return false
	}
	for _, c := range pw[3:] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
