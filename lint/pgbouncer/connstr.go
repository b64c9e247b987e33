package pgbouncer

import "strings"

// Param is one key=value pair of a [databases] or [users] entry. Value is
// decoded (a quoted value without its quotes, ” as one quote); the spans
// are offsets into the string given to ParseConnString, ValueSpan without
// the quotes.
type Param struct {
	Key, Value         string
	KeySpan, ValueSpan Span
	// Quoted tells that the value was single-quoted.
	Quoted bool
}

// ParseConnString reads the value of a [databases] or [users] entry as
// PgBouncer's loader does: pairs separated by spaces, a key up to "=" or a
// space, a value single-quoted (” is a quote) or up to the next space.
// It returns the pairs read before the first malformed one (a key without
// "=", an empty value, an unclosed quote) and whether the whole string was
// read.
func ParseConnString(s string) ([]Param, bool) {
	var out []Param
	i := 0
	skip := func() {
		for i < len(s) && s[i] == ' ' {
			i++
		}
	}
	for {
		skip()
		if i >= len(s) {
			return out, true
		}
		ks := i
		for i < len(s) && s[i] != '=' && s[i] != ' ' {
			i++
		}
		ke := i
		skip()
		if i >= len(s) || s[i] != '=' || ks == ke {
			return out, false
		}
		i++
		skip()
		var val string
		var vs, ve int
		quoted := i < len(s) && s[i] == '\''
		if quoted {
			vs = i + 1
			var b strings.Builder
			j := vs
			for {
				if j >= len(s) {
					return out, false
				}
				if s[j] == '\'' {
					if j+1 < len(s) && s[j+1] == '\'' {
						b.WriteByte('\'')
						j += 2
						continue
					}
					break
				}
				b.WriteByte(s[j])
				j++
			}
			ve, val = j, b.String()
			i = j + 1
		} else {
			vs = i
			for i < len(s) && s[i] != ' ' {
				i++
			}
			ve, val = i, s[vs:i]
		}
		if val == "" {
			return out, false
		}
		out = append(out, Param{Key: s[ks:ke], Value: val, KeySpan: Span{ks, ke}, ValueSpan: Span{vs, ve}, Quoted: quoted})
	}
}
