package pgbouncer

import "strings"

// User is one line of an authentication file.
type User struct {
	// Name and Password are decoded ("" inside the quotes is one quote).
	Name, Password string
	// NameSpan and PasswordSpan are the raw text inside the quotes.
	NameSpan, PasswordSpan Span
}

// ParseUserList reads an authentication file (auth_file, usually
// userlist.txt). ok is false when a line that is neither blank nor a
// comment is not a quoted user name followed, after blanks, by a quoted
// password on the same line: then the file is something else, and users
// holds what was read before that line. Comments start with ";"; lines
// starting with "#" are taken for comments too, as their authors mean
// them, although PgBouncer stops reading the file there.
func ParseUserList(src []byte) (users []User, ok bool) {
	s := string(src)
	i := 0
	if strings.HasPrefix(s, bom) {
		i = len(bom)
	}
	for {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return users, true
		}
		if s[i] == ';' || s[i] == '#' {
			i = lineEndString(s, i)
			continue
		}
		name, ns, ne, next, okName := quoted(s, i)
		if !okName {
			return users, false
		}
		i = next
		for i < len(s) && isBlank(s[i]) {
			i++
		}
		pw, ps, pe, next, okPw := quoted(s, i)
		if !okPw {
			return users, false
		}
		users = append(users, User{Name: name, Password: pw, NameSpan: Span{ns, ne}, PasswordSpan: Span{ps, pe}})
		i = lineEndString(s, next) // PgBouncer ignores the rest of the line
	}
}

// quoted reads a double-quoted field at i that closes on the same line:
// its decoded text, the span inside the quotes and the offset after the
// closing quote.
func quoted(s string, i int) (text string, start, end, next int, ok bool) {
	if i >= len(s) || s[i] != '"' {
		return "", 0, 0, 0, false
	}
	start = i + 1
	var b strings.Builder
	for j := start; j < len(s) && s[j] != '\n'; j++ {
		if s[j] != '"' {
			b.WriteByte(s[j])
			continue
		}
		if j+1 < len(s) && s[j+1] == '"' {
			b.WriteByte('"')
			j++
			continue
		}
		return b.String(), start, j, j + 1, true
	}
	return "", 0, 0, 0, false
}

func lineEndString(s string, i int) int {
	for i < len(s) && s[i] != '\n' {
		i++
	}
	return i
}
