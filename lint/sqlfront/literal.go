package sqlfront

import (
	"strconv"
	"strings"
)

// Literal is a string constant as written in SQL source: its decoded value
// and where each decoded byte came from, so that a position inside the value
// (a password inside a conninfo string, a statement inside a DO body) maps
// back to the file.
type Literal struct {
	Value string
	// Start and End delimit the literal's content (without quotes or
	// dollar tags) in the coordinates of the statement's source.
	Start, End int
	// offs[i] is the source offset of decoded byte i; nil when the value is
	// the content byte for byte (dollar quotes, no escapes).
	offs []int
}

// At maps an offset into Value to a source offset.
func (l *Literal) At(i int) int {
	if l.offs == nil {
		return l.Start + max(0, min(i, l.End-l.Start))
	}
	if i >= len(l.offs) {
		return l.End
	}
	return l.offs[max(i, 0)]
}

// DecodeLiteral decodes the SQL string constant raw, which starts at source
// offset base. It understands '...', E'...', N'...', $tag$...$tag$ and
// returns ok=false for forms it does not decode (U&'...', B'...', X'...').
func DecodeLiteral(raw string, base int) (Literal, bool) {
	if len(raw) < 2 {
		return Literal{}, false
	}
	switch raw[0] {
	case '$':
		tag, ok := dollarTag([]byte(raw))
		if !ok || len(raw) < 2*len(tag) || !strings.HasSuffix(raw, tag) {
			return Literal{}, false
		}
		return Literal{Value: raw[len(tag) : len(raw)-len(tag)], Start: base + len(tag), End: base + len(raw) - len(tag)}, true
	case 'e', 'E':
		return decodeQuoted(raw[1:], base+1, true)
	case 'n', 'N':
		return decodeQuoted(raw[1:], base+1, false)
	case '\'':
		return decodeQuoted(raw, base, false)
	}
	return Literal{}, false
}

func decodeQuoted(raw string, base int, escapes bool) (Literal, bool) {
	if len(raw) < 2 || raw[0] != '\'' || raw[len(raw)-1] != '\'' {
		return Literal{}, false
	}
	body := raw[1 : len(raw)-1]
	lit := Literal{Start: base + 1, End: base + len(raw) - 1}
	if !strings.ContainsRune(body, '\'') && (!escapes || !strings.ContainsRune(body, '\\')) {
		lit.Value = body
		return lit, true
	}
	var b strings.Builder
	offs := make([]int, 0, len(body)+1)
	for i := 0; i < len(body); {
		c := body[i]
		switch {
		case c == '\'' && i+1 < len(body) && body[i+1] == '\'':
			b.WriteByte('\'')
			offs = append(offs, lit.Start+i)
			i += 2
		case c == '\\' && escapes && i+1 < len(body):
			s, n := unescapeBackslash(body[i:])
			for k := 0; k < len(s); k++ {
				offs = append(offs, lit.Start+i)
			}
			b.WriteString(s)
			i += n
		default:
			b.WriteByte(c)
			offs = append(offs, lit.Start+i)
			i++
		}
	}
	offs = append(offs, lit.End)
	lit.Value, lit.offs = b.String(), offs
	return lit, true
}

// unescapeBackslash decodes one backslash escape of an E” string at the
// start of s, returning the bytes and how much of s it used.
func unescapeBackslash(s string) (string, int) {
	c := s[1]
	switch c {
	case 'b':
		return "\b", 2
	case 'f':
		return "\f", 2
	case 'n':
		return "\n", 2
	case 'r':
		return "\r", 2
	case 't':
		return "\t", 2
	case 'x':
		n := 2
		for n < len(s) && n < 4 && isHex(s[n]) {
			n++
		}
		if n == 2 {
			return "x", 2
		}
		v, _ := strconv.ParseUint(s[2:n], 16, 8)
		return string([]byte{byte(v)}), n
	case 'u', 'U':
		w := 4
		if c == 'U' {
			w = 8
		}
		if len(s) >= 2+w {
			if v, err := strconv.ParseUint(s[2:2+w], 16, 32); err == nil {
				return string(rune(v)), 2 + w
			}
		}
		return string(c), 2
	}
	if c >= '0' && c <= '7' {
		n := 1
		for n < len(s) && n < 4 && s[n] >= '0' && s[n] <= '7' {
			n++
		}
		v, _ := strconv.ParseUint(s[1:n], 8, 16)
		return string([]byte{byte(v)}), n
	}
	return s[1:2], 2
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
