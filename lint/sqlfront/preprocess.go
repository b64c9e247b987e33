package sqlfront

import (
	"bytes"
	"regexp"
	"strings"
)

// Preprocess turns a migration file into text pg_query can parse, without
// moving a single byte: the result has the same length as src and every
// newline in the same place, so parser locations are file offsets.
//
//   - psql meta-commands (\set, \connect, \if, \i, ...) are blanked; \g,
//     \gset, \gexec and friends end the current statement, so they become ";";
//   - COPY ... FROM stdin (and \copy ... from stdin) data, up to the "\." line,
//     is blanked;
//   - a UTF-8 byte-order mark becomes spaces;
//   - psql variables (:v, :'v', :"v"), ${x} (Flyway, goose ENVSUB,
//     Liquibase), {{ x }} (Go and Jinja templates) and @extschema@ become
//     stand-ins (see StandInByte, StandInIdent) that parse and that rules
//     recognise with IsPlaceholder; a bare :v that starts a statement is
//     SQL text psql pastes in (:PREFIX SELECT ...), and is blanked;
//   - C preprocessor directives (#include, #if, ...) between statements,
//     which extensions built with cpp use, are blanked;
//   - migration-tool markers that delimit statements (goose Up/Down and
//     StatementBegin/End, dbmate migrate:up/down, Liquibase changeset) become
//     ";" so that a block without a trailing semicolon still ends there.
//
// psql substitutes variables only outside quotes and comments; templates are
// substituted everywhere, so those are replaced inside string literals and
// dollar-quoted bodies too.
func Preprocess(src []byte) []byte {
	out := bytes.Clone(src)
	p := sqlPrep{src: src, out: out, stmtStart: -1, eolFrom: 1, eol: 0}
	p.run()
	return out
}

type prepState int

const (
	stCode   prepState = iota
	stSingle           // '...' ('' escapes)
	stEscape           // E'...' (backslash escapes too)
	stIdent            // "..."
	stDollar           // $tag$...$tag$
	stLineComment
	stBlockComment
)

type sqlPrep struct {
	src, out  []byte
	state     prepState
	depth     int    // block comment nesting
	tag       string // dollar-quote tag, including both $
	inner     byte   // inside a dollar body: 0, or '\'' while in a nested literal
	stmtStart int    // first byte of the current statement, -1 before it
	copyData  bool   // blanking COPY FROM stdin data
	// eolFrom and eol cache the last lineEnd answer: [eolFrom, eol] is a
	// stretch of one line, so a line full of '$' or ':' is scanned once.
	eolFrom, eol int
}

var (
	gooseMarker   = regexp.MustCompile(`(?i)^--\s*\+goose\s+(up|down|statementbegin|statementend)\b`)
	dbmateMarker  = regexp.MustCompile(`(?i)^--\s*migrate:(up|down)\b`)
	liquibaseMark = regexp.MustCompile(`(?i)^--\s*changeset\s+\S`)
	copyFromStdin = regexp.MustCompile(`(?is)^copy\b.*\bfrom\s+stdin\b`)
	psqlCopyStdin = regexp.MustCompile(`(?i)^\\copy\b.*\bfrom\s+(stdin|pstdin)\b`)
	cppDirective  = regexp.MustCompile(`^#[ \t]*(?:include|if|ifdef|ifndef|elif|else|endif|define|undef|error)\b`)
	// Meta-commands that send the query buffer, and so end a statement.
	sendCommand = regexp.MustCompile(`^\\(g|gx|gset|gexec|gdesc|crosstabview|watch)\b`)
)

func (p *sqlPrep) blank(from, to int) {
	for i := from; i < to; i++ {
		if p.out[i] != '\n' {
			p.out[i] = ' '
		}
	}
}

// lineEnd returns the offset of the '\n' ending the line holding i, or len.
func (p *sqlPrep) lineEnd(i int) int {
	if i >= p.eolFrom && i <= p.eol {
		return p.eol
	}
	p.eolFrom, p.eol = i, len(p.src)
	if j := bytes.IndexByte(p.src[i:], '\n'); j >= 0 {
		p.eol = i + j
	}
	return p.eol
}

func (p *sqlPrep) run() {
	src := p.src
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		p.blank(0, 3)
	}
	lineStart := true
	for i := 0; i < len(src); {
		if lineStart {
			lineStart = false
			if p.copyData {
				end := p.lineEnd(i)
				line := strings.TrimRight(string(src[i:end]), "\r")
				p.blank(i, end)
				if line == `\.` {
					p.copyData = false
				}
				i = end
				continue
			}
			if p.state == stCode {
				if n := p.marker(i); n > 0 {
					i = n
					continue
				}
			}
		}
		c := src[i]
		if c == '\n' {
			lineStart = true
			if p.state == stLineComment {
				p.state = stCode
			}
			i++
			continue
		}
		switch p.state {
		case stCode:
			i = p.code(i)
		case stSingle, stEscape:
			i = p.literal(i)
		case stIdent:
			if c == '"' {
				p.state = stCode
				i++
			} else if n := p.template(i, true); n > i {
				i = n
			} else {
				i++
			}
		case stDollar:
			i = p.dollar(i)
		case stLineComment:
			if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
				i += j
			} else {
				i = len(src)
			}
		case stBlockComment:
			switch {
			case c == '*' && i+1 < len(src) && src[i+1] == '/':
				p.depth--
				i += 2
				if p.depth == 0 {
					p.state = stCode
				}
			case c == '/' && i+1 < len(src) && src[i+1] == '*':
				p.depth++
				i += 2
			default:
				i++
			}
		}
	}
}

// marker handles a migration-tool marker comment at the start of a line:
// the line becomes ";" and spaces. It returns the offset after the line, or
// 0 when the line is not a marker.
func (p *sqlPrep) marker(i int) int {
	j := i
	for j < len(p.src) && (p.src[j] == ' ' || p.src[j] == '\t') {
		j++
	}
	end := p.lineEnd(j)
	line := p.src[j:end]
	if p.stmtStart < 0 && cppDirective.Match(line) {
		// Extensions built with the C preprocessor (#include "udfs/f.sql")
		// pull whole statements in; the directive itself is not SQL.
		p.blank(j, end)
		return end
	}
	if !bytes.HasPrefix(line, []byte("--")) {
		return 0
	}
	if !gooseMarker.Match(line) && !dbmateMarker.Match(line) && !liquibaseMark.Match(line) {
		return 0
	}
	p.blank(j, end)
	p.out[j] = ';'
	p.stmtStart = -1
	return end
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentByte(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' || c == '$' }

func (p *sqlPrep) code(i int) int {
	src := p.src
	c := src[i]
	if p.stmtStart < 0 && c != ' ' && c != '\t' && c != '\r' && c != ';' &&
		!(c == '-' && i+1 < len(src) && src[i+1] == '-') &&
		!(c == '/' && i+1 < len(src) && src[i+1] == '*') && c != '\\' {
		p.stmtStart = i
	}
	switch {
	case c == '-' && i+1 < len(src) && src[i+1] == '-':
		p.state = stLineComment
		return i + 2
	case c == '/' && i+1 < len(src) && src[i+1] == '*':
		p.state, p.depth = stBlockComment, 1
		return i + 2
	case c == '\'':
		p.state = stSingle
		if i > 0 && (src[i-1] == 'e' || src[i-1] == 'E') && (i < 2 || !isIdentByte(src[i-2])) {
			p.state = stEscape
		}
		return i + 1
	case c == '"':
		p.state = stIdent
		return i + 1
	case c == '$':
		if i > 0 && isIdentByte(src[i-1]) {
			return i + 1 // part of an identifier such as a$b, or $1
		}
		if n := p.template(i, false); n > i {
			return n
		}
		if tag, ok := dollarTag(src[i:]); ok {
			p.state, p.tag, p.inner = stDollar, tag, 0
			return i + len(tag)
		}
		return i + 1
	case c == '{' || c == '@':
		if n := p.template(i, false); n > i {
			return n
		}
		return i + 1
	case c == ':':
		return p.psqlVar(i)
	case c == '\\':
		return p.metaCommand(i)
	case c == ';':
		if p.stmtStart >= 0 && copyFromStdin.Match(stripSQLComments(src[p.stmtStart:i])) {
			p.copyData = true
		}
		p.stmtStart = -1
		return i + 1
	}
	// Inside a statement, skip a run of bytes that mean nothing here (the
	// statement's first byte is decided above; a quote looks back for E).
	if p.stmtStart >= 0 {
		i++
		for i < len(src) && !codeSpecial[src[i]] {
			i++
		}
		return i
	}
	return i + 1
}

// stripSQLComments removes -- comments so the COPY check sees the statement.
func stripSQLComments(b []byte) []byte {
	if !bytes.Contains(b, []byte("--")) {
		return b
	}
	var out []byte
	for _, line := range bytes.Split(b, []byte("\n")) {
		if k := bytes.Index(line, []byte("--")); k >= 0 {
			line = line[:k]
		}
		out = append(append(out, line...), ' ')
	}
	return out
}

func (p *sqlPrep) literal(i int) int {
	src := p.src
	c := src[i]
	switch {
	case c == '\\' && p.state == stEscape:
		return i + 2
	case c == '\'':
		if i+1 < len(src) && src[i+1] == '\'' {
			return i + 2
		}
		p.state = stCode
		return i + 1
	}
	if n := p.template(i, true); n > i {
		return n
	}
	// Skip to the next byte that can matter inside a literal.
	i++
	for i < len(src) && !literalSpecial[src[i]] {
		i++
	}
	return i
}

// literalSpecial and codeSpecial are the bytes that can end a run of
// bytes the preprocess leaves alone, in a literal and in code.
var literalSpecial, codeSpecial, dollarSpecial [256]bool

func init() {
	for _, c := range []byte("'\\\n$\x7b@") {
		literalSpecial[c] = true
	}
	for _, c := range []byte("-/'\"$\x7b@:\\;\n") {
		codeSpecial[c] = true
	}
	for _, c := range []byte("'\n$\x7b@") {
		dollarSpecial[c] = true
	}
}

func (p *sqlPrep) dollar(i int) int {
	src := p.src
	if src[i] == '$' && bytes.HasPrefix(src[i:], []byte(p.tag)) {
		p.state = stCode
		return i + len(p.tag)
	}
	// Track single quotes inside the body so a template inside a nested
	// literal becomes a literal stand-in and one in code an identifier.
	if src[i] == '\'' {
		if p.inner == '\'' {
			if i+1 < len(src) && src[i+1] == '\'' {
				return i + 2
			}
			p.inner = 0
		} else {
			p.inner = '\''
		}
		return i + 1
	}
	if src[i] == '$' || src[i] == '{' || src[i] == '@' {
		if n := p.template(i, p.inner == '\''); n > i {
			return n
		}
	}
	i++
	for i < len(src) && !dollarSpecial[src[i]] {
		i++
	}
	return i
}

// DollarTagAt returns the dollar-quote opening tag ("$tag$" or "$$") that
// starts at src[i], if one does: a "$" that continues an identifier (a$b)
// or a parameter ($1) opens none.
func DollarTagAt(src []byte, i int) (string, bool) {
	if i > 0 && isIdentByte(src[i-1]) {
		return "", false
	}
	return dollarTag(src[i:])
}

// dollarTag reads "$tag$" or "$$" at the start of b.
func dollarTag(b []byte) (string, bool) {
	for j := 1; j < len(b); j++ {
		c := b[j]
		if c == '$' {
			return string(b[:j+1]), true
		}
		if !(isIdentStart(c) || j > 1 && c >= '0' && c <= '9') {
			return "", false
		}
	}
	return "", false
}

var templatePrefixes = []struct{ open, close string }{
	{"${", "}"},
	{"{{", "}}"},
}

// template replaces a template placeholder starting at i, returning the
// offset after it, or i when there is none. inLiteral selects the stand-in.
func (p *sqlPrep) template(i int, inLiteral bool) int {
	src := p.src
	if c := src[i]; c != '$' && c != '{' && c != '@' {
		return i
	}
	end := p.lineEnd(i)
	for _, t := range templatePrefixes {
		if bytes.HasPrefix(src[i:end], []byte(t.open)) {
			k := bytes.Index(src[i+len(t.open):end], []byte(t.close))
			if k < 0 {
				return i
			}
			n := i + len(t.open) + k + len(t.close)
			p.standIn(i, n, inLiteral)
			return n
		}
	}
	if src[i] == '@' {
		// @extschema@, @extowner@, @extschema:name@ (extension scripts).
		for _, w := range []string{"@extschema@", "@extowner@", "@extschema:"} {
			if bytes.HasPrefix(src[i:end], []byte(w)) {
				k := bytes.IndexByte(src[i+1:end], '@')
				n := i + 1 + k + 1
				p.standIn(i, n, inLiteral)
				return n
			}
		}
	}
	return i
}

// standIn writes a stand-in over [from, to).
func (p *sqlPrep) standIn(from, to int, inLiteral bool) {
	if inLiteral {
		for k := from; k < to; k++ {
			p.out[k] = StandInByte
		}
		return
	}
	copy(p.out[from:], StandInIdent)
	for k := from + len(StandInIdent); k < to; k++ {
		p.out[k] = '_'
	}
}

var psqlVarName = regexp.MustCompile(`^:(?:'[A-Za-z_][A-Za-z0-9_]*'|"[A-Za-z_][A-Za-z0-9_]*"|[A-Za-z_][A-Za-z0-9_]*)`)

// psqlVar replaces a psql variable reference at i (the ':').
func (p *sqlPrep) psqlVar(i int) int {
	src := p.src
	if i > 0 && (src[i-1] == ':' || isIdentByte(src[i-1])) ||
		i+1 < len(src) && (src[i+1] == ':' || src[i+1] == '=') {
		if i+1 < len(src) && src[i+1] == ':' {
			return i + 2 // a :: cast
		}
		return i + 1
	}
	m := psqlVarName.Find(src[i:p.lineEnd(i)])
	if m == nil {
		return i + 1
	}
	n := i + len(m)
	switch m[1] {
	case '\'':
		p.out[i] = '\''
		for k := i + 1; k < n-1; k++ {
			p.out[k] = StandInByte
		}
		p.out[n-1] = '\''
	case '"':
		p.out[i] = '"'
		for k := i + 1; k < n-1; k++ {
			p.out[k] = StandInByte
		}
		p.out[n-1] = '"'
	default:
		// A bare :v is pasted in as is; it stands for a value after
		// PASSWORD or VALID UNTIL, and for a name nearly everywhere else.
		// At the start of a statement it is SQL text (\set PREFIX
		// 'EXPLAIN (costs off)' ... :PREFIX SELECT ...): it is left out, so
		// that what follows is checked.
		if p.stmtStart == i {
			p.blank(i, n)
			p.stmtStart = -1
		} else if wantsLiteral(src[:i]) && n-i >= 2 {
			p.out[i], p.out[n-1] = '\'', '\''
			for k := i + 1; k < n-1; k++ {
				p.out[k] = StandInByte
			}
		} else {
			p.standIn(i, n, false)
		}
	}
	return n
}

// wantsLiteral reports whether the word before the end of b is PASSWORD or
// UNTIL, where the grammar takes a string constant.
func wantsLiteral(b []byte) bool {
	b = bytes.TrimRight(b, " \t\r\n")
	j := len(b)
	for j > 0 && isIdentByte(b[j-1]) {
		j--
	}
	w := strings.ToUpper(string(b[j:]))
	return w == "PASSWORD" || w == "UNTIL"
}

// metaCommand blanks a psql meta-command from i to the end of the line. A
// command that sends the query buffer becomes ";".
func (p *sqlPrep) metaCommand(i int) int {
	end := p.lineEnd(i)
	cmd := p.src[i:end]
	p.blank(i, end)
	if sendCommand.Match(cmd) {
		p.out[i] = ';'
		p.stmtStart = -1
	}
	if psqlCopyStdin.Match(cmd) {
		p.copyData = true
	}
	return end
}
