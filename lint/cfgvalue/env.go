package cfgvalue

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ParseEnv returns the variables of a dotenv file (.env, *.env, Docker
// Compose env_file) in file order, with Path and Key the variable's name.
// Unlike the other formats, a bad line does not stop the parse: it is
// reported as an *Error and skipped, and the lines after it are still
// read. The errors are in file order; none means the file is well formed.
//
// The syntax is what Docker Compose (compose-go) and godotenv read, with
// the choices below where they differ from each other or between versions:
//
//	# a comment line; blank lines are skipped
//	KEY=value                  unquoted, up to a "#" after a blank or the end of the line, trailing blanks trimmed
//	export KEY=value           "export " is ignored
//	KEY = value                blanks around "=" are ignored
//	KEY: value                 the YAML-like form both accept
//	KEY='literal $x \n'        single quotes: no escapes, no expansion
//	KEY="a\nb \"q\" ${X}"      double quotes: \n \r \t \\ \" \' \$ \a \b \f \v escapes, other \c kept as written
//	KEY="line 1
//	line 2"                    quoted values may span lines
//	KEY=                       an empty value
//	KEY                        no "=": Docker's pass-through from the environment, no value and no error
//
// A "#" without a blank before it is part of an unquoted value, as in a
// shell (KEY=pa#ss is "pa#ss"). Names start with a letter or "_" and go on
// with letters, digits, "_", "." or "-". A value that expands a variable
// ($X or ${X}, unquoted or in double quotes, not after "\") is a Template
// value, with its Text as written. CRLF line ends are accepted; inside quotes a CRLF is decoded as
// "\n". A quoted value that closes on a later line but has text after its
// closing quote is taken for an unclosed quote: the error points at the
// opening quote and parsing goes on at the next line.
func ParseEnv(src []byte) (vals []Value, errs []*Error) {
	p := &envParser{b: newBuilder(src), src: src}
	defer func() {
		if r := recover(); r != nil {
			err := p.b.errorAt(p.i, fmt.Sprintf("parser failed: %v", r))
			if a, ok := r.(abort); ok {
				err = a.err
			}
			p.errs = append(p.errs, err)
			vals, errs = p.b.vals, p.errs
		}
	}()
	if bytes.HasPrefix(src, []byte(bom)) {
		p.i = len(bom)
	}
	for p.i < len(src) {
		p.line()
	}
	return p.b.vals, p.errs
}

type envParser struct {
	b    *builder
	src  []byte
	i    int
	errs []*Error
}

func (p *envParser) at(i int) byte {
	if i < len(p.src) {
		return p.src[i]
	}
	return '\n'
}

func (p *envParser) skipBlanks() {
	for p.i < len(p.src) && (p.src[p.i] == ' ' || p.src[p.i] == '\t') {
		p.i++
	}
}

// atLineEnd reports the end of a line at p.i (after an optional CR).
func (p *envParser) atLineEnd() bool {
	c := p.at(p.i)
	return c == '\n' || c == '\r' && p.at(p.i+1) == '\n'
}

// nextLine moves p.i to the start of the next line.
func (p *envParser) nextLine() {
	for p.i < len(p.src) && p.src[p.i] != '\n' {
		p.i++
	}
	if p.i < len(p.src) {
		p.i++
	}
}

// bad records an error at offset off and skips to the line after from.
func (p *envParser) bad(off, from int, msg string) {
	p.errs = append(p.errs, p.b.errorAt(off, msg))
	p.i = from
	p.nextLine()
}

func isEnvKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
}

// line reads one line, or several when a quoted value spans lines.
func (p *envParser) line() {
	lineStart := p.i
	p.skipBlanks()
	if p.atLineEnd() || p.src[p.i] == '#' {
		p.nextLine()
		return
	}
	if rest := p.src[p.i:]; bytes.HasPrefix(rest, []byte("export")) && len(rest) > 6 && (rest[6] == ' ' || rest[6] == '\t') {
		p.i += 6
		p.skipBlanks()
	}
	ks := p.i
	if c := p.at(p.i); c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
		for p.i < len(p.src) && isEnvKeyChar(p.src[p.i]) {
			p.i++
		}
	}
	ke := p.i
	if ks == ke {
		p.bad(p.i, lineStart, fmt.Sprintf("unexpected %s, expecting a variable name", p.describe(p.i)))
		return
	}
	key := string(p.src[ks:ke])
	p.skipBlanks()
	if p.atLineEnd() || p.src[p.i] == '#' {
		p.nextLine() // KEY alone: passed through from the environment
		return
	}
	if p.src[p.i] != '=' && p.src[p.i] != ':' {
		p.bad(p.i, lineStart, fmt.Sprintf("unexpected %s after %s, expecting '='", p.describe(p.i), key))
		return
	}
	p.i++
	p.skipBlanks()
	s := scalar{key: key, keyStart: ks, keyEnd: ke, kind: String}
	switch p.at(p.i) {
	case '\'', '"':
		q := p.i
		if !p.quoted(&s) {
			p.bad(q, lineStart, "unterminated quoted value")
			return
		}
		close := p.i - 1
		p.skipBlanks()
		if !p.atLineEnd() && p.src[p.i] != '#' {
			if bytes.IndexByte(p.src[q:close], '\n') >= 0 {
				// Text after a quote that closes on a later line: more
				// likely the opening quote is never closed.
				p.bad(q, lineStart, "unterminated quoted value")
				return
			}
			p.bad(p.i, close, fmt.Sprintf("unexpected %s after closing quote", p.describe(p.i)))
			return
		}
	default:
		p.unquoted(&s)
	}
	p.b.push(key, ks)
	p.b.add(s)
	p.b.pop()
	p.nextLine()
}

// describe names the character at i for an error message.
func (p *envParser) describe(i int) string {
	if c := p.at(i); c == '\n' || c == '\r' && p.at(i+1) == '\n' {
		return "end of line"
	}
	r, _ := utf8.DecodeRune(p.src[i:])
	return fmt.Sprintf("%q", r)
}

// unquoted reads a value up to the end of the line or a comment (a "#"
// after a blank), without trailing blanks.
func (p *envParser) unquoted(s *scalar) {
	s.start = p.i
	end := p.i
	for ; !p.atLineEnd(); p.i++ {
		c := p.src[p.i]
		if c == '#' && p.i > s.start && (p.src[p.i-1] == ' ' || p.src[p.i-1] == '\t') {
			break
		}
		if c != ' ' && c != '\t' {
			end = p.i + 1
		}
	}
	s.end = end
	s.text = string(p.src[s.start:end])
	s.template = expands(s.text, false)
}

// quoted reads a value in quotes at p.i, leaving p.i after the closing
// quote; it reports false when there is none.
func (p *envParser) quoted(s *scalar) bool {
	quote := p.src[p.i]
	p.i++
	s.start = p.i
	var sb strings.Builder
	var tm textMap
	for p.i < len(p.src) {
		c := p.src[p.i]
		at := sb.Len()
		switch {
		case c == quote:
			s.end = p.i
			s.text, s.textMap = sb.String(), tm
			if raw := string(p.src[s.start:s.end]); quote == '"' && expands(raw, true) {
				s.template, s.text = true, raw
			}
			p.i++
			return true
		case c == '\r' && p.at(p.i+1) == '\n':
			sb.WriteByte('\n')
			tm.decoded(at, 1, p.i, 2)
			p.i += 2
		case c == '\\' && quote == '"' && p.i+1 < len(p.src):
			dec := envEscape(p.src[p.i+1])
			sb.WriteString(dec)
			if len(dec) == 2 { // not an escape: both bytes are kept
				tm.copy(at, p.i, 2)
			} else {
				tm.decoded(at, len(dec), p.i, 2)
			}
			p.i += 2
		default:
			sb.WriteByte(c)
			tm.copy(at, p.i, 1)
			p.i++
		}
	}
	return false
}

// envEscape decodes the escape \c in double quotes.
func envEscape(c byte) string {
	switch c {
	case 'n':
		return "\n"
	case 'r':
		return "\r"
	case 't':
		return "\t"
	case 'a':
		return "\a"
	case 'b':
		return "\b"
	case 'f':
		return "\f"
	case 'v':
		return "\v"
	case '\\', '"', '\'', '$':
		return string(c)
	}
	return "\\" + string(c)
}

// expands reports a $NAME or ${...} expansion in raw (in double quotes
// when escapes is set, where "\$" is a plain dollar).
func expands(raw string, escapes bool) bool {
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case escapes && c == '\\':
			i++
		case c == '$' && i+1 < len(raw):
			if n := raw[i+1]; n == '{' || n == '_' || n >= 'a' && n <= 'z' || n >= 'A' && n <= 'Z' {
				return true
			}
		}
	}
	return false
}
