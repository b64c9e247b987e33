package rules

import (
	"strings"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/cfgvalue"
	"github.com/grantguard/grantguard/lint/pgconf"
)

// WeakPasswordEncryption flags password_encryption set to md5 (or a value
// that meant md5 or no hashing in older releases).
var WeakPasswordEncryption = &lint.Rule{
	Meta: lint.Meta{
		ID:       "weak-password-encryption",
		Severity: lint.Warning,
		Title:    "Passwords are stored as MD5 hashes (password_encryption = md5)",
		Rationale: "password_encryption decides how the server hashes a password given by CREATE or ALTER ROLE. " +
			"An MD5 hash is salted only with the role name and is itself enough to log in with md5 " +
			"authentication, so a leaked pg_authid, backup or log line is as good as the password, and MD5 " +
			"hashes are cheap to brute-force. SCRAM-SHA-256, the default since PostgreSQL 14, stores a salted, " +
			"iterated verifier that cannot be replayed, and lets pg_hba require scram-sha-256. PostgreSQL 10 to " +
			"13 also accepted on, true, yes and 1 as md5, and before 10 off stored passwords unhashed; these are " +
			"reported too. Managed servers take the same parameter: RDS and Aurora parameter groups, Cloud SQL " +
			"flags and Azure server configurations.",
		References: []string{
			"PostgreSQL documentation, Connections and Authentication (password_encryption) — https://www.postgresql.org/docs/current/runtime-config-connection.html",
			"PostgreSQL documentation, Password Authentication — https://www.postgresql.org/docs/current/auth-password.html",
			"PostgreSQL 14 release notes (password_encryption defaults to scram-sha-256) — https://www.postgresql.org/docs/release/14.0/",
			"Amazon RDS User Guide, Using SCRAM for PostgreSQL password encryption — https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL_Password_Encryption_configuration.html",
			"CWE-916: Use of Password Hash With Insufficient Computational Effort — https://cwe.mitre.org/data/definitions/916.html",
			"CIS PostgreSQL Benchmark — https://www.cisecurity.org/benchmark/postgresql",
		},
		Bad:  "ALTER SYSTEM SET password_encryption = 'md5';",
		Good: "ALTER SYSTEM SET password_encryption = 'scram-sha-256';",
		Fix: "Set password_encryption = 'scram-sha-256' (or leave the default on PostgreSQL 14 and later), then " +
			"set each role's password again so it is stored as a SCRAM verifier, and change md5 to " +
			"scram-sha-256 in pg_hba.conf.",
		Tags:             []string{"authentication", "passwords", "server-config"},
		Precision:        "very-high",
		SecuritySeverity: 5.5,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindPGConf, lint.KindConfig, lint.KindGo},
	},
	SQL:    checkWeakPasswordEncryption,
	PGConf: checkWeakPasswordEncryptionConf,
	Live:   liveWeakPasswordEncryption,
	Value:  checkWeakPasswordEncryptionValue,
}

// weakPasswordEncryption says what a password_encryption value does, when
// it is weak.
func weakPasswordEncryption(v string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "md5":
		return "stores new passwords as MD5 hashes", true
	case "on", "true", "yes", "1":
		return "meant md5 before PostgreSQL 14 (which rejects it)", true
	case "off", "false", "no", "0", "plain":
		return "stored passwords unhashed before PostgreSQL 10 (which rejects it)", true
	}
	return "", false
}

func checkWeakPasswordEncryption(p *lint.SQLPass, s *lint.Stmt) {
	for _, a := range sqlSettings(s) {
		if !strings.EqualFold(a.name, "password_encryption") {
			continue
		}
		if what, weak := weakPasswordEncryption(a.value); weak {
			p.Report(s, a.loc, "%s %s", a, what)
		}
	}
}

func checkWeakPasswordEncryptionConf(p *lint.FilePass, f *pgconf.File) {
	s := f.Last("password_encryption")
	if s == nil {
		return
	}
	if what, weak := weakPasswordEncryption(s.Value); weak {
		p.Report(s.ValueSpan.Start, s.ValueSpan.End, "password_encryption = %s %s", s.Value, what)
	}
}

func checkWeakPasswordEncryptionValue(p *lint.FilePass, v *cfgvalue.Value) {
	c, ok := cloudServerParam(p, v)
	if !ok || c.name != "password_encryption" {
		return
	}
	if what, weak := weakPasswordEncryption(c.value); weak {
		p.Report(v.Start, v.End, "server parameter password_encryption = %s %s", c.value, what)
	}
}
