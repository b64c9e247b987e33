package pgconf

// The token kinds of guc-file.l. Order matters: on matches of equal length
// flex picks the rule listed first, and so does match.
type tokKind int

const (
	tokID          tokKind = iota // {LETTER}{LETTER_OR_DIGIT}*
	tokQualifiedID                // {ID}"."{ID}
	tokString                     // '...'
	tokUnquoted                   // {LETTER}({LETTER_OR_DIGIT}|[-._:/])*
	tokInteger                    // {SIGN}?({DIGIT}+|0x{HEXDIGIT}+){UNIT_LETTER}*
	tokReal                       // {SIGN}?{DIGIT}*"."{DIGIT}*{EXPONENT}?
	tokEquals                     // =
	tokError                      // any other byte
)

type tok struct {
	kind       tokKind
	start, end int // file offsets
}

// maxTokens is the most tokens a line's grammar looks at: name, "=",
// value and whatever comes after, which is an error. Stopping there keeps
// scanning linear: a string that never closes is scanned to the end of the
// line from every quote.
const maxTokens = 4

// scanLine splits src[start:end], one line, into at most maxTokens
// tokens, skipping white space (" ", "\t", "\r") and a "#" comment.
func scanLine(src []byte, start, end int) []tok {
	var toks []tok
	for i := start; i < end && len(toks) < maxTokens; {
		switch src[i] {
		case ' ', '\t', '\r':
			i++
		case '#':
			return toks
		default:
			kind, n := match(src[i:end])
			toks = append(toks, tok{kind, i, i + n})
			i += n
		}
	}
	return toks
}

// match returns the kind and length of the longest token at the start of
// s, which is not empty.
func match(s []byte) (tokKind, int) {
	lens := [...]int{
		tokID:          idLen(s),
		tokQualifiedID: qualifiedIDLen(s),
		tokString:      stringLen(s),
		tokUnquoted:    unquotedLen(s),
		tokInteger:     integerLen(s),
		tokReal:        realLen(s),
	}
	best, n := tokError, 1
	if s[0] == '=' {
		best = tokEquals
	}
	longest := 0
	for k, l := range lens {
		if l > longest {
			best, n, longest = tokKind(k), l, l
		}
	}
	return best, n
}

func isLetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHexDigit(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isUnitLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func idLen(s []byte) int {
	if len(s) == 0 || !isLetter(s[0]) {
		return 0
	}
	i := 1
	for i < len(s) && (isLetter(s[i]) || isDigit(s[i])) {
		i++
	}
	return i
}

func qualifiedIDLen(s []byte) int {
	n := idLen(s)
	if n == 0 || n >= len(s) || s[n] != '.' {
		return 0
	}
	m := idLen(s[n+1:])
	if m == 0 {
		return 0
	}
	return n + 1 + m
}

func unquotedLen(s []byte) int {
	if len(s) == 0 || !isLetter(s[0]) {
		return 0
	}
	i := 1
	for i < len(s) {
		switch c := s[i]; {
		case isLetter(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == ':' || c == '/':
			i++
		default:
			return i
		}
	}
	return i
}

// stringLen matches \'([^'\\\n]|\\.|\'\')*\'. Where the greedy reading of
// ” as an escaped quote leaves the string open, flex settles for the
// longest prefix that a lone quote closes, and so does stringLen.
func stringLen(s []byte) int {
	if len(s) == 0 || s[0] != '\'' {
		return 0
	}
	closeAt := 0
	for i := 1; i < len(s); {
		switch s[i] {
		case '\'':
			closeAt = i + 1
			if i+1 < len(s) && s[i+1] == '\'' {
				i += 2
				continue
			}
			return closeAt
		case '\\':
			if i+1 == len(s) {
				return closeAt
			}
			i += 2
		default:
			i++
		}
	}
	return closeAt
}

func integerLen(s []byte) int {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	best := 0
	if j := i; j < len(s) && isDigit(s[j]) {
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		for j < len(s) && isUnitLetter(s[j]) {
			j++
		}
		best = j
	}
	if j := i; j+2 < len(s) && s[j] == '0' && s[j+1] == 'x' && isHexDigit(s[j+2]) {
		j += 2
		for j < len(s) && isHexDigit(s[j]) {
			j++
		}
		for j < len(s) && isUnitLetter(s[j]) {
			j++
		}
		best = max(best, j)
	}
	return best
}

func realLen(s []byte) int {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == len(s) || s[i] != '.' {
		return 0
	}
	i++
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			i = j
		}
	}
	return i
}
