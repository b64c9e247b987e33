package pgconf

import "strings"

// Bool reads a boolean value as the server's parse_bool does: on, off,
// true, false, yes, no, 1 and 0, in any case, and any prefix of them that
// is not ambiguous ("t", "fa", "of"; but not "o"). White space is not
// trimmed. ok is false when v is not a boolean.
func Bool(v string) (value, ok bool) {
	// prefixOf tells whether v is a prefix of word at least minLen long,
	// compared as pg_strncasecmp does (ASCII letters only).
	prefixOf := func(word string, minLen int) bool {
		if len(v) < minLen || len(v) > len(word) {
			return false
		}
		for i := 0; i < len(v); i++ {
			if c := v[i]; c != word[i] && c+'a'-'A' != word[i] {
				return false
			}
		}
		return true
	}
	switch {
	case prefixOf("true", 1), prefixOf("yes", 1), prefixOf("on", 2), v == "1":
		return true, true
	case prefixOf("false", 1), prefixOf("no", 1), prefixOf("off", 2), v == "0":
		return false, true
	}
	return false, false
}

// List splits a list-valued setting such as shared_preload_libraries
// ("pg_stat_statements, pgaudit") into its elements, trimmed of white
// space and lower-cased. Elements may be double-quoted, with "" for a
// quote, so that they can contain commas; empty elements are dropped.
func List(v string) []string {
	var (
		out     []string
		cur     strings.Builder
		inQuote bool
	)
	flush := func() {
		if e := strings.TrimSpace(cur.String()); e != "" {
			out = append(out, strings.ToLower(e))
		}
		cur.Reset()
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '"' && inQuote && i+1 < len(v) && v[i+1] == '"':
			cur.WriteByte('"')
			i++
		case c == '"':
			inQuote = !inQuote
		case c == ',' && !inQuote:
			flush()
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return out
}
