package rules

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/cfgvalue"
	"github.com/grantguard/grantguard/lint/conninfo"
)

// passwordKey reports whether a config key names a password: password,
// passwd, pwd, or a name ending in one of them (db_password, PGPASSWORD,
// adminPassword, DB_PASSWD). Names that merely mention a password —
// password_file, passwordPolicy, password_encryption — do not end in one.
func passwordKey(key string) bool {
	k := strings.ToLower(key)
	for _, w := range []string{"password", "passwd", "pwd"} {
		if k == w {
			return true
		}
		if strings.HasSuffix(k, w) {
			// The word must start at a boundary: db_password, db-password,
			// db.password, PGPASSWORD (all capitals), dbPassword.
			i := len(key) - len(w)
			prev := key[i-1]
			if prev == '_' || prev == '-' || prev == '.' || unicode.IsUpper(rune(key[i])) || isAllUpper(key) {
				return true
			}
		}
	}
	return false
}

func isAllUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// sslmodeKey reports whether a config key sets libpq's sslmode: sslmode,
// ssl_mode, sslMode, PGSSLMODE, DB_SSLMODE.
func sslmodeKey(key string) bool {
	k := strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(key))
	return k == "sslmode" || strings.HasSuffix(k, "sslmode") && isAllUpper(key)
}

// literalValue reports whether a config value is a literal worth checking:
// a non-empty string that is not a template, an environment lookup or a
// secret-store reference.
func literalValue(v *cfgvalue.Value) bool {
	if v.Kind != cfgvalue.String || v.Template {
		return false
	}
	t := strings.TrimSpace(v.Text)
	if t == "" || conninfo.IsTemplate(t) || lint.IsPlaceholder(t) {
		return false
	}
	for _, p := range []string{"vault:", "ref+", "secret:", "sm://", "arn:aws:secretsmanager:", "ENC[", "op://", "env:"} {
		if strings.HasPrefix(t, p) {
			return false
		}
	}
	// A JSON reference (OpenAPI, JSON Schema: "password": "#/components/...")
	// and a password hash are not a password in clear.
	if strings.HasPrefix(t, "#/") || passwordHash.MatchString(t) {
		return false
	}
	return !documentation(v)
}

// passwordHash matches the password hashes PostgreSQL and applications
// store instead of a password: SCRAM-SHA-256 and MD5 role passwords,
// bcrypt, argon2, scrypt, PBKDF2 and crypt(3) hashes.
var passwordHash = regexp.MustCompile(`^(?:SCRAM-SHA-256\$\d+:\S+\$\S+:\S+|md5[0-9a-f]{32}|\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}|\$argon2(?:id|i|d)\$\S+|\$scrypt\$\S+|\$pbkdf2(?:-sha\d+)?\$\S+|\$[156]\$[^$\s]+\$[./A-Za-z0-9]+)$`)

// documentation reports whether v is documentation of a setting rather
// than a setting: a value under "examples", "example" or "description" (a
// JSON Schema or OpenAPI document).
func documentation(v *cfgvalue.Value) bool {
	for _, k := range v.Path[:max(len(v.Path)-1, 0)] {
		switch k {
		case "examples", "example", "description":
			return true
		}
	}
	return v.Key == "description"
}

// sibling returns the value at the same level as v whose key is one of
// keys (case-insensitive), or nil.
func sibling(values []cfgvalue.Value, v *cfgvalue.Value, keys ...string) *cfgvalue.Value {
	if len(v.Path) == 0 {
		return nil
	}
	parent := v.Path[:len(v.Path)-1]
	for i := range values {
		o := &values[i]
		if len(o.Path) != len(v.Path) || !samePath(o.Path[:len(parent)], parent) {
			continue
		}
		for _, k := range keys {
			if strings.EqualFold(o.Key, k) {
				return o
			}
		}
	}
	return nil
}

func samePath(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// valueSpan maps [a, b) of v.Text to file offsets: exactly where the
// value's decoding can be mapped back (escapes, folded lines), else the
// whole value.
func valueSpan(v *cfgvalue.Value, a, b int) (int, int) {
	return v.Span(a, b)
}

// valueConnStrings finds connection strings in a config value.
func valueConnStrings(v *cfgvalue.Value) []conninfo.Match {
	if v.Kind != cfgvalue.String || (!strings.Contains(v.Text, "=") && !strings.Contains(v.Text, "://")) || documentation(v) {
		return nil
	}
	return conninfo.Find(v.Text)
}

// commentLine reports whether a line of other text is a comment, where
// advice such as "never use sslmode=disable" is not a setting.
func commentLine(text string) bool {
	t := strings.TrimSpace(text)
	for _, p := range []string{"#", "//", "--", "*", "/*", "REM ", "rem ", "<!--", "\"\"\"", "'''"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

var envAssignRE = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)=(.*)$`)

// envAssignment reads a value written as NAME=value, as in the list form of
// a docker-compose environment: the name, the value and the value's offset
// in v.Text. ok is false for other values.
func envAssignment(v *cfgvalue.Value) (name, value string, off int, ok bool) {
	if v.Kind != cfgvalue.String || v.Template {
		return "", "", 0, false
	}
	m := envAssignRE.FindStringSubmatchIndex(v.Text)
	if m == nil {
		return "", "", 0, false
	}
	return v.Text[m[2]:m[3]], v.Text[m[4]:m[5]], m[4], true
}

// valueName is what a message calls the setting v: the variable of an
// environment list entry (DSN in environment: ["DSN=postgres://..."]),
// else its key.
func valueName(v *cfgvalue.Value) string {
	if name, _, _, ok := envAssignment(v); ok {
		return name
	}
	return v.Key
}
