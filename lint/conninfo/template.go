package conninfo

import "strings"

// IsTemplate reports whether v is a template or placeholder rather than a
// literal value, so that a password written as one is not a hardcoded
// secret. It recognises:
//
//   - template syntax anywhere in v: "${" (shell, Spring, JS), "{{" (Go,
//     Jinja, Helm), "{%" (Jinja), "<%" (ERB, EJS), "#{" (Ruby), "$(" (shell
//     command substitution, Make, Kubernetes), "%(" (Python %-format), and
//     the printf verbs "%s" and "%v";
//   - a shell variable: v starts with "$" and a letter or "_";
//   - the stand-ins grantguard's SQL preprocess writes for psql variables:
//     the byte 0x1a or the rune U+018D "ƍ";
//   - a whole-value placeholder: "<password>", "<your-password>" (angle
//     brackets around text without further brackets), "{password}", "{0}",
//     "{}" (Python str.format, C# and Kotlin interpolation), "%DB_PASS%"
//     (Windows environment), or a mask of asterisks only ("***") or of
//     three or more x's ("xxxxx").
//
// Values such as "changeme" or "password" are real, if weak, passwords and
// are not templates.
func IsTemplate(v string) bool {
	if v == "" {
		return false
	}
	for _, m := range [...]string{"${", "{{", "{%", "<%", "#{", "$(", "%(", "%s", "%v", "\x1a", "ƍ"} {
		if strings.Contains(v, m) {
			return true
		}
	}
	if v[0] == '$' && len(v) > 1 && (isLetter(v[1]) || v[1] == '_') {
		return true
	}
	return wholePlaceholder(v)
}

// wholePlaceholder reports whether all of v is one placeholder: "<host>",
// "{password}", "{0}", "{}", "%DB_PASS%", or a mask of asterisks or of
// three or more x's ("xxxxx", "XXX").
func wholePlaceholder(v string) bool {
	if v == "" {
		return false
	}
	if strings.Trim(v, "*") == "" || len(v) >= 3 && strings.Trim(v, "xX") == "" {
		return true
	}
	n := len(v)
	if n < 2 {
		return false
	}
	inner := v[1 : n-1]
	switch {
	case v[0] == '<' && v[n-1] == '>':
		return inner != "" && !strings.ContainsAny(inner, "<>")
	case v[0] == '{' && v[n-1] == '}':
		return inner == "" || isIdent(inner) || isDigits(inner)
	case v[0] == '%' && v[n-1] == '%':
		return isIdent(inner)
	}
	return false
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isIdentByte(c byte) bool { return isAlnum(c) || c == '_' }

// isIdent reports whether s is an identifier: a letter or "_", then
// letters, digits, "_" or "." (for "{db.password}"-style names).
func isIdent(s string) bool {
	if s == "" || !(isLetter(s[0]) || s[0] == '_') {
		return false
	}
	for k := 1; k < len(s); k++ {
		if !isIdentByte(s[k]) && s[k] != '.' {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for k := 0; k < len(s); k++ {
		if s[k] < '0' || s[k] > '9' {
			return false
		}
	}
	return true
}

// maxTemplate bounds how far templateEnd looks for a closing delimiter, so
// that scanning stays linear on hostile input.
const maxTemplate = 256

// templateEnd returns the index just past a template expression that starts
// at s[i] and closes before limit and before a line break: "${...}",
// "#{...}", "$(...)" (nesting counted), "{{...}}", "{%...%}", "<%...%>".
// It returns i when there is none. Parsers step over such expressions whole,
// so that the ":", "@", "/", "," or white space inside one
// ("${PW:-x}", "{{ .Values.password }}") does not split the string.
func templateEnd(s string, i, limit int) int {
	if i+1 >= limit {
		return i
	}
	stop := min(limit, i+maxTemplate)
	a, b := s[i], s[i+1]
	switch {
	case (a == '$' || a == '#') && b == '{':
		return nestedEnd(s, i+1, stop, '{', '}', i)
	case a == '$' && b == '(':
		return nestedEnd(s, i+1, stop, '(', ')', i)
	case a == '{' && b == '{':
		return closeEnd(s, i+2, stop, "}}", i)
	case a == '{' && b == '%':
		return closeEnd(s, i+2, stop, "%}", i)
	case a == '<' && b == '%':
		return closeEnd(s, i+2, stop, "%>", i)
	}
	return i
}

func nestedEnd(s string, j, stop int, open, close byte, none int) int {
	depth := 0
	for ; j < stop; j++ {
		switch s[j] {
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return j + 1
			}
		case '\n', '\r':
			return none
		}
	}
	return none
}

func closeEnd(s string, j, stop int, closer string, none int) int {
	for ; j+len(closer) <= stop; j++ {
		if s[j] == '\n' || s[j] == '\r' {
			return none
		}
		if s[j:j+len(closer)] == closer {
			return j + len(closer)
		}
	}
	return none
}

// placeholderEnd returns the index just past an angle-bracket placeholder
// such as "<password>" or "<your db host>" starting at s[i], or i if there is
// none. Find uses it so that "<" ends a URL only when it starts markup.
func placeholderEnd(s string, i, limit int) int {
	if i+2 >= limit || s[i] != '<' || !isLetter(s[i+1]) {
		return i
	}
	stop := min(limit, i+66)
	for j := i + 2; j < stop; j++ {
		c := s[j]
		switch {
		case c == '>':
			return j + 1
		case isIdentByte(c) || c == '-' || c == '.' || c == ' ':
		default:
			return i
		}
	}
	return i
}

// indexSkip returns the index of the first c in s[from:to], stepping over
// template expressions, or -1.
func indexSkip(s string, from, to int, c byte) int {
	for j := from; j < to; {
		if t := templateEnd(s, j, to); t > j {
			j = t
			continue
		}
		if s[j] == c {
			return j
		}
		j++
	}
	return -1
}

// indexAnySkip is indexSkip for any byte of chars.
func indexAnySkip(s string, from, to int, chars string) int {
	for j := from; j < to; {
		if t := templateEnd(s, j, to); t > j {
			j = t
			continue
		}
		if strings.IndexByte(chars, s[j]) >= 0 {
			return j
		}
		j++
	}
	return -1
}

// lastIndexSkip returns the index of the last c in s[from:to], stepping over
// template expressions, or -1.
func lastIndexSkip(s string, from, to int, c byte) int {
	last := -1
	for j := from; j < to; {
		if t := templateEnd(s, j, to); t > j {
			j = t
			continue
		}
		if s[j] == c {
			last = j
		}
		j++
	}
	return last
}
