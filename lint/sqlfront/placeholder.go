package sqlfront

import (
	"bytes"
	"regexp"
	"strings"
)

// The SQL preprocess replaces psql variables and template placeholders with
// stand-ins of the same byte length so that positions survive. Inside a
// string literal a placeholder becomes StandInByte repeated; elsewhere it
// becomes StandInIdent followed by underscores, which the PostgreSQL scanner
// reads as an identifier. Rules use IsPlaceholder to tell such values from
// real literals: `PASSWORD :'pw'` is not a hardcoded password.
const (
	StandInByte  = '\x1a'
	StandInIdent = "ƍ" // U+018D, two bytes in UTF-8, so it fits ":v"
)

// IsPlaceholder reports whether s holds a stand-in from the preprocess or an
// unexpanded template of a kind users write in migrations and config
// (${VAR}, {{ .Var }}, <%= ENV["X"] %>, %(name)s).
func IsPlaceholder(s string) bool {
	return strings.IndexByte(s, StandInByte) >= 0 ||
		strings.Contains(s, StandInIdent) ||
		strings.Contains(s, "${") ||
		strings.Contains(s, "{{") ||
		strings.Contains(s, "<%") ||
		strings.Contains(s, "%(")
}

// standInToken matches a stand-in in a message: an identifier holding
// StandInIdent (with what the scanner read around it), or a run of
// StandInByte.
var standInToken = regexp.MustCompile(`[A-Za-z0-9_$]*` + StandInIdent + `[A-Za-z0-9_$]*|"\x1a+"|'\x1a+'|\x1a+`)

// RestoreStandIns replaces the stand-ins in msg, a message about
// preprocessed SQL pre, by the source text they stand for: each is looked
// for in pre nearest to near (the finding's offset), and the bytes of src
// at the same place (the preprocess keeps every offset) take its place.
// A user never sees an internal stand-in.
func RestoreStandIns(msg string, src, pre []byte, near int) string {
	if !strings.Contains(msg, StandInIdent) && strings.IndexByte(msg, StandInByte) < 0 {
		return msg
	}
	return standInToken.ReplaceAllStringFunc(msg, func(tok string) string {
		// A quoted run is a psql variable :"v" or :'v' (or a template in
		// quotes): the stand-in is what is between the quotes.
		core, quoted := tok, tok[0] == '"' || tok[0] == '\''
		if quoted {
			core = tok[1 : len(tok)-1]
		}
		best := -1
		for from := 0; ; {
			k := bytes.Index(pre[from:], []byte(core))
			if k < 0 {
				break
			}
			k += from
			// Only a whole stand-in: not the tail or head of a longer one.
			e := k + len(core)
			whole := (k == 0 || !isIdentByte(pre[k-1]) && pre[k-1] != StandInByte) &&
				(e == len(pre) || !isIdentByte(pre[e]) && pre[e] != StandInByte)
			if whole && (best < 0 || abs(k-near) < abs(best-near)) {
				best = k
			}
			from = k + 1
		}
		if best < 0 || best+len(core) > len(src) {
			return tok
		}
		// :"v" and :'v' became "\x1a\x1a" and '\x1a\x1a' in place: the
		// variable is the colon, the quotes and what is between them.
		if best > 0 && best+len(core) < len(src) && src[best-1] == ':' && (pre[best-1] == '"' || pre[best-1] == '\'') {
			return string(src[best-1 : best+len(core)+1])
		}
		if quoted {
			return tok[:1] + string(src[best:best+len(core)]) + tok[:1]
		}
		return string(src[best : best+len(core)])
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// identStandIns turns the stand-ins of a string literal (runs of
// StandInByte) into identifier stand-ins of the same length, for text that
// is parsed again as SQL: a function body in quotes whose template
// (@extschema@.f, ${schema}.t) names an object.
func identStandIns(s string) string {
	if strings.IndexByte(s, StandInByte) < 0 {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		if b[i] != StandInByte {
			i++
			continue
		}
		j := i
		for j < len(b) && b[j] == StandInByte {
			j++
		}
		if j-i >= len(StandInIdent) {
			copy(b[i:], StandInIdent)
			for k := i + len(StandInIdent); k < j; k++ {
				b[k] = '_'
			}
		}
		i = j
	}
	return string(b)
}
