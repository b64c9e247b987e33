package hba

import (
	"bytes"
	"fmt"
	"strings"
)

// Span is a half-open range [Start, End) of byte offsets into the file.
type Span struct{ Start, End int }

// Field is one field, or one element of a comma-separated list, of a
// record.
type Field struct {
	// Value is the text with quotes removed: "a""b" is a"b.
	Value string
	// Quoted tells that the field began with a double quote. A quoted
	// "all" is a database, role or host literally named all, not the
	// keyword.
	Quoted bool
	// Span is the field as written, quotes included. A field continued
	// with a backslash at the end of a line spans the line break too.
	Span Span
}

// Option is a name=value authentication option after the method, such as
// clientcert=verify-full. Name is the text before the first "=", Value the
// rest, both with quotes removed.
type Option struct {
	Name, Value string
	Span        Span // the option as written
}

// Record is one authentication record or include directive.
type Record struct {
	// Line is the 1-based line of the record's first field.
	Line int
	// Span runs from the first field to the end of the last one; it
	// excludes the comment, if any.
	Span Span
	// Type is local, host, hostssl, hostnossl, hostgssenc, hostnogssenc,
	// include, include_if_exists or include_dir.
	Type Field
	// Databases and Users are the elements of the database and user
	// lists: keywords (all, sameuser, samerole, replication), names,
	// +group, /regex and @file elements, as written.
	Databases []Field
	Users     []Field
	// Address is nil for local and include records. Otherwise it is all,
	// samehost, samenet, a host name, a .domain suffix, an address/bits
	// CIDR or an IP address whose netmask is in Mask. See Prefix.
	Address *Field
	// Mask is the netmask field of the "address mask" form, else nil.
	Mask *Field
	// Method is the authentication method: trust, reject, scram-sha-256,
	// md5, password, gss, sspi, ident, peer, ldap, radius, cert, pam, bsd
	// or oauth (PostgreSQL 18). Unset for include records. The server runs ident on a local
	// record as peer.
	Method Field
	// Options are the name=value fields after the method.
	Options []Option
	// Include is the file or directory an include record names, else nil.
	Include *Field
}

// Problem is a line the server would refuse, or one worth a reviewer's
// attention (see the package documentation). Offset is a byte offset into
// the file and Line the 1-based line of that offset.
type Problem struct {
	Offset int
	Line   int
	Msg    string
}

// IsInclude tells whether r is an include, include_if_exists or
// include_dir directive rather than an authentication record.
func (r *Record) IsInclude() bool { return r.Include != nil }

// OptionValue returns the value of the last option named name and whether
// it is set. Like the server, a later option overrides an earlier one.
func (r *Record) OptionValue(name string) (string, bool) {
	for i := len(r.Options) - 1; i >= 0; i-- {
		if r.Options[i].Name == name {
			return r.Options[i].Value, true
		}
	}
	return "", false
}

// Parse reads a pg_hba.conf file. It returns the records the server would
// load, in file order, and the problems found; a record with a problem is
// left out.
func Parse(src []byte) ([]Record, []Problem) {
	p := &parser{src: src, lines: newLines(src)}
	off := 0
	if bytes.HasPrefix(src, []byte(bom)) {
		p.problem(0, "UTF-8 byte order mark at the start of the file: PostgreSQL reads it as part of the first field; save the file without it")
		off = len(bom)
	}
	for off < len(src) {
		var l logicalLine
		off = p.readLine(off, &l)
		p.parseLine(&l)
	}
	return p.records, p.problems
}

const bom = "\uFEFF"

type parser struct {
	src      []byte
	lines    lines
	records  []Record
	problems []Problem
}

func (p *parser) problem(off int, format string, args ...any) {
	p.problems = append(p.problems, Problem{Offset: off, Line: p.lines.line(off), Msg: fmt.Sprintf(format, args...)})
}

// logicalLine is a record's text after backslash continuations are joined,
// with the file offset of each of its bytes.
type logicalLine struct {
	text []byte
	pos  []int
	end  int // file offset just past the last byte of the line's content
}

// readLine joins physical lines from off while they end in a backslash, as
// tokenize_auth_file does, and returns the offset of the next line.
func (p *parser) readLine(off int, l *logicalLine) int {
	src := p.src
	for off < len(src) {
		end, next := len(src), len(src)
		if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
			end, next = off+i, off+i+1
		}
		content := end
		// The server reads lines as C strings: nothing after a NUL counts.
		if i := bytes.IndexByte(src[off:end], 0); i >= 0 {
			p.problem(off+i, "NUL byte: PostgreSQL ignores the rest of the line")
			content = off + i
		}
		for content > off && src[content-1] == '\r' {
			content--
		}
		cont := content > off && src[content-1] == '\\'
		if cont {
			content--
		}
		for i := off; i < content; i++ {
			l.text = append(l.text, src[i])
			l.pos = append(l.pos, i)
		}
		l.end = content
		off = next
		if !cont {
			break
		}
	}
	return off
}

// parseLine turns one logical line into a record or a problem.
func (p *parser) parseLine(l *logicalLine) {
	lx := lexer{line: l, openQuote: -1}
	var fields [][]token
	for lx.i < len(l.text) {
		if f := lx.field(); len(f) > 0 {
			fields = append(fields, f)
		}
	}
	if lx.openQuote >= 0 {
		p.problem(lx.openQuote, "unterminated double quote: PostgreSQL would take the rest of the line as one field")
		return
	}
	if len(fields) == 0 {
		return
	}
	last := fields[len(fields)-1]
	b := builder{p: p, fields: fields, end: last[len(last)-1].span.End}
	if r, ok := b.build(); ok {
		r.Line = p.lines.line(r.Span.Start)
		p.records = append(p.records, r)
	}
}

// builder checks the fields of one line against the record layouts, the
// way parse_hba_line does, and stops at the first problem.
type builder struct {
	p      *parser
	fields [][]token
	end    int // offset just past the last field
}

var connTypes = map[string]bool{
	"local": true, "host": true, "hostssl": true, "hostnossl": true,
	"hostgssenc": true, "hostnogssenc": true,
}

var includeTypes = map[string]bool{"include": true, "include_if_exists": true, "include_dir": true}

var methods = map[string]bool{
	"trust": true, "reject": true, "scram-sha-256": true, "md5": true,
	"password": true, "gss": true, "sspi": true, "ident": true, "peer": true,
	"ldap": true, "radius": true, "cert": true, "pam": true, "bsd": true,
	"oauth": true, // PostgreSQL 18
}

func (b *builder) build() (Record, bool) {
	first := b.fields[0][0]
	r := Record{Span: Span{first.span.Start, b.end}, Type: first.field()}
	// tokenize_auth_file recognises an include by the first element of the
	// first field, quoted or not, on a line of exactly two fields, and uses
	// the first element of the second.
	if includeTypes[first.val] {
		switch {
		case len(b.fields) == 1:
			b.p.problem(b.end, "%s needs a file name", first.val)
			return r, false
		case len(b.fields) > 2:
			b.p.problem(b.fields[2][0].span.Start, "%s takes exactly one file name; quote a name that contains spaces", first.val)
			return r, false
		}
		inc := b.fields[1][0].field()
		r.Include = &inc
		return r, true
	}
	if len(b.fields[0]) > 1 {
		b.p.problem(b.fields[0][1].span.Start, "multiple values specified for the connection type")
		return r, false
	}
	if !connTypes[first.val] {
		hint := ""
		if connTypes[strings.ToLower(first.val)] {
			hint = " (record types are case-sensitive)"
		}
		b.p.problem(first.span.Start, "invalid connection type %q%s", first.val, hint)
		return r, false
	}
	local := first.val == "local"
	want := "type, database, user, address, method"
	if local {
		want = "type, database, user, method"
	}
	need := func(i int, what string) bool {
		if i < len(b.fields) {
			return true
		}
		b.p.problem(b.end, "too few fields for a %s record (no %s): want %s", first.val, what, want)
		return false
	}
	if !need(1, "database") || !need(2, "user") {
		return r, false
	}
	r.Databases = fieldsOf(b.fields[1])
	r.Users = fieldsOf(b.fields[2])
	next := 3
	if !local {
		if !need(3, "address") || !b.single(3, "host address") {
			return r, false
		}
		a := b.fields[3][0]
		addr := a.field()
		r.Address = &addr
		next = 4
		if !a.quoted && (a.val == "all" || a.val == "samehost" || a.val == "samenet") {
			// keyword: nothing more to read
		} else if host, bits, slash := strings.Cut(a.val, "/"); slash {
			ip, isIP := parseIP(host)
			if !isIP {
				b.p.problem(a.span.Start, "specifying both host name and CIDR mask is invalid: %q", a.val)
				return r, false
			}
			if _, ok := parseBits(bits, ip.BitLen()); !ok {
				b.p.problem(a.span.Start, "invalid CIDR mask in address %q: want 0 to %d bits", a.val, ip.BitLen())
				return r, false
			}
		} else if ip, isIP := parseIP(a.val); isIP {
			// An IP address without /bits: the next field is its netmask.
			if len(b.fields) < 5 {
				b.p.problem(b.end, "end of line before the netmask of %q: write the address as address/bits or add a netmask field", a.val)
				return r, false
			}
			if !b.single(4, "netmask") {
				return r, false
			}
			m := b.fields[4][0]
			mask, ok := parseIP(m.val)
			if !ok {
				b.p.problem(m.span.Start, "invalid IP mask %q: write the address as %s/%d or give a netmask such as %s", m.val, a.val, ip.BitLen(), exampleMask(ip.BitLen()))
				return r, false
			}
			if mask.BitLen() != ip.BitLen() {
				b.p.problem(m.span.Start, "IP address %q and mask %q do not match: one is IPv4, the other IPv6", a.val, m.val)
				return r, false
			}
			if _, ok := maskBits(mask); !ok {
				b.p.problem(m.span.Start, "netmask %q is not contiguous: it cannot be written as a CIDR prefix", m.val)
				return r, false
			}
			mf := m.field()
			r.Mask = &mf
			next = 5
		}
		// anything else is a host name or a .domain suffix
	}
	if !need(next, "auth method") || !b.single(next, "authentication method") {
		return r, false
	}
	m := b.fields[next][0]
	if !methods[m.val] {
		b.p.problem(m.span.Start, "invalid authentication method %q", m.val)
		return r, false
	}
	r.Method = m.field()
	for _, f := range b.fields[next+1:] {
		for _, t := range f {
			name, value, ok := strings.Cut(t.val, "=")
			if !ok {
				b.p.problem(t.span.Start, "authentication option not in name=value format: %q", t.val)
				return r, false
			}
			r.Options = append(r.Options, Option{Name: name, Value: value, Span: t.span})
		}
	}
	return r, true
}

// single reports a problem unless field i has exactly one element.
func (b *builder) single(i int, what string) bool {
	if len(b.fields[i]) == 1 {
		return true
	}
	b.p.problem(b.fields[i][1].span.Start, "multiple values specified for the %s", what)
	return false
}

func fieldsOf(ts []token) []Field {
	fs := make([]Field, len(ts))
	for i, t := range ts {
		fs[i] = t.field()
	}
	return fs
}

func exampleMask(bits int) string {
	if bits == 32 {
		return "255.255.255.0"
	}
	return "ffff:ffff:ffff:ffff::"
}
