package conninfo

import (
	"strings"
	"unicode"
)

// NamesPassword reports whether v, the value of the setting key, names a
// password instead of being one: a value that is only an identifier and
// says "password" — "password", "Password", "PASSWORD", "passwd",
// "password_hash", "sslpassword", "PGPASSWORD", "dbPassword" — or that
// repeats key itself. Such values are field names, map keys, enum labels
// and libpq keywords in code and config, and "user:password@" is how
// documentation writes a placeholder. A URL path whose segments are such
// names and one of which says password ("/.well-known/change-password")
// is a route. "YourPass", "<password>" and "service_key" (a name a deploy
// script replaces) are placeholders too. A value with anything else in it
// ("password1", "Passw0rd!", "my password", "super-secret") is not a name.
func NamesPassword(key, v string) bool {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "/") {
		// A route or path: /.well-known/change-password, /api/password.
		for _, seg := range strings.Split(v[1:], "/") {
			if seg = strings.TrimLeft(seg, "."); seg == "" || !isNameText(seg) {
				return false
			}
		}
		return strings.Contains(strings.ToLower(v), "passw")
	}
	if len(v) > 2 && v[0] == '<' && v[len(v)-1] == '>' && !strings.ContainsAny(v[1:len(v)-1], "<>") {
		return true // <password>, <your-db-password>: fill in here
	}
	if v == "" || !isNameText(v) {
		return false
	}
	if key != "" && sameName(key, v) {
		return true
	}
	words := NameWords(v)
	if len(words) > 1 && words[0] == "your" {
		return true // YourPass, your_password, YOUR_SECRET: fill in here
	}
	// service_key, anon_key: the name of a secret that a deploy script
	// puts in place (with sed, envsubst), not the secret.
	if strings.Contains(v, "_") && strings.ToLower(v) == v && !strings.ContainsAny(v, "-.0123456789") {
		switch words[len(words)-1] {
		case "key", "secret", "token":
			return true
		}
	}
	for _, w := range words {
		switch w {
		case "password", "passwd", "pwd", "passphrase":
			return true
		}
	}
	last := words[len(words)-1]
	return strings.HasSuffix(last, "password") || strings.HasSuffix(last, "passwd")
}

// isNameText reports whether v is written like an identifier or a
// dotted or dashed key: a letter or "_", then letters, digits, "_", "-"
// and ".".
func isNameText(v string) bool {
	if !(isLetter(v[0]) || v[0] == '_') {
		return false
	}
	for k := 1; k < len(v); k++ {
		if c := v[k]; !isIdentByte(c) && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// sameName reports whether two names are the same words: db_password,
// DB_PASSWORD, dbPassword and db-password are.
func sameName(a, b string) bool {
	wa, wb := NameWords(a), NameWords(b)
	if len(wa) == 0 || len(wa) != len(wb) {
		return false
	}
	for k := range wa {
		if wa[k] != wb[k] {
			return false
		}
	}
	return true
}

// NameWords splits a name written in camelCase, PascalCase, snake_case,
// kebab-case or with dots into lower-case words: "dbPassword" and
// "DB_PASSWORD" are db, password; "DBPassword" is db, password.
func NameWords(s string) []string {
	var words []string
	rs := []rune(s)
	start := 0
	flush := func(i int) {
		if i > start {
			words = append(words, strings.ToLower(string(rs[start:i])))
		}
		start = i
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush(i)
			start = i + 1
		case i > start && unicode.IsUpper(r) &&
			(unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])):
			flush(i)
		}
	}
	flush(len(rs))
	return words
}
