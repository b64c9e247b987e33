package pgconf

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// Span is a half-open range [Start, End) of byte offsets into the file.
type Span struct{ Start, End int }

// Setting is one "name = value" line.
type Setting struct {
	// Name is the parameter name, lower-cased (ASCII only, as the server
	// compares names): "ssl", "pgaudit.log", "shared_preload_libraries".
	Name string
	// Value is the value with quotes removed and escapes decoded. The
	// server keeps values as C strings, so a decoded \0 ends the value.
	Value string
	// Quoted tells that the value was a single-quoted string.
	Quoted bool
	// Line is the 1-based line of the setting.
	Line int
	// NameSpan is the name as written.
	NameSpan Span
	// ValueSpan is the value as written, quotes included.
	ValueSpan Span
}

// Include is an include, include_if_exists or include_dir directive.
type Include struct {
	// Directive is "include", "include_if_exists" or "include_dir",
	// lower-cased.
	Directive string
	// Path is the file or directory, unquoted; relative paths are relative
	// to the directory of the including file.
	Path string
	// Line is the 1-based line of the directive.
	Line int
	// Span covers the directive from its name to the end of its path.
	Span Span
}

// Problem is a line the server would refuse with a syntax error, or a byte
// order mark or NUL byte (see the package documentation). Offset is a byte
// offset into the file and Line the 1-based line of that offset.
type Problem struct {
	Offset, Line int
	Msg          string
}

// File is a parsed configuration file.
type File struct {
	// Settings are the settings in file order, duplicates included.
	Settings []Setting
	// Includes are the include directives in file order.
	Includes []Include
	// Fragment marks settings that are a part of a server's configuration
	// only (an operator's parameters, a chart's extra settings): what they
	// leave unset says nothing about the server. Parse never sets it.
	Fragment bool
}

// Last returns the setting of name (case-insensitive) that takes effect:
// the last one in the file. It returns nil when the file does not set it.
func (f *File) Last(name string) *Setting {
	name = lowerASCII(name)
	for i := len(f.Settings) - 1; i >= 0; i-- {
		if f.Settings[i].Name == name {
			return &f.Settings[i]
		}
	}
	return nil
}

// All returns every setting of name (case-insensitive), in file order.
func (f *File) All(name string) []*Setting {
	name = lowerASCII(name)
	var all []*Setting
	for i := range f.Settings {
		if f.Settings[i].Name == name {
			all = append(all, &f.Settings[i])
		}
	}
	return all
}

const bom = "\uFEFF"

// Parse reads a postgresql.conf or postgresql.auto.conf file. It returns
// the settings and includes of every well-formed line and a problem for
// each line the server would refuse. The File is never nil.
func Parse(src []byte) (*File, []Problem) {
	p := &parser{src: src, f: &File{}}
	for i, c := range src {
		if c == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	off := 0
	if bytes.HasPrefix(src, []byte(bom)) {
		p.problem(0, "UTF-8 byte order mark at the start of the file: PostgreSQL reads it as part of the first name; save the file without it")
		off = len(bom)
	}
	for off < len(src) {
		end, next := len(src), len(src)
		if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
			end, next = off+i, off+i+1
		}
		p.parseLine(off, end)
		off = next
	}
	return p.f, p.problems
}

type parser struct {
	src      []byte
	lines    []int // offset of the first byte of lines 2, 3, ...
	f        *File
	problems []Problem
}

func (p *parser) line(off int) int {
	return sort.Search(len(p.lines), func(i int) bool { return p.lines[i] > off }) + 1
}

func (p *parser) problem(off int, format string, args ...any) {
	p.problems = append(p.problems, Problem{Offset: off, Line: p.line(off), Msg: fmt.Sprintf(format, args...)})
}

// parseLine reads src[start:end], one line without its "\n", following
// the grammar of ParseConfigFp: name, optional "=", value, end of line.
func (p *parser) parseLine(start, end int) {
	if i := bytes.IndexByte(p.src[start:end], 0); i >= 0 {
		p.problem(start+i, "NUL byte in the line")
		return
	}
	toks := scanLine(p.src, start, end)
	if len(toks) == 0 {
		return
	}
	name := toks[0]
	if name.kind != tokID && name.kind != tokQualifiedID {
		p.unexpected(name, "a parameter name")
		return
	}
	i := 1
	if i < len(toks) && toks[i].kind == tokEquals {
		i++
	}
	nameText := string(p.src[name.start:name.end])
	if i == len(toks) {
		p.problem(toks[i-1].end, "missing value for %q", nameText)
		return
	}
	val := toks[i]
	switch val.kind {
	case tokID, tokString, tokInteger, tokReal, tokUnquoted:
	case tokQualifiedID:
		p.problem(val.start, "value %q of %q must be quoted", p.src[val.start:val.end], nameText)
		return
	default:
		p.unexpected(val, fmt.Sprintf("a value for %q", nameText))
		return
	}
	if i+1 < len(toks) {
		extra := toks[i+1]
		if extra.kind == tokError && p.src[extra.start] == '\'' {
			p.unexpected(extra, "")
		} else {
			p.problem(extra.start, "unexpected %q after the value of %q: quote a value that contains spaces, commas or other punctuation", p.src[extra.start:extra.end], nameText)
		}
		return
	}
	raw := string(p.src[val.start:val.end])
	value, quoted := raw, val.kind == tokString
	if quoted {
		value = unquote(raw)
	}
	lname := lowerASCII(nameText)
	switch lname {
	case "include", "include_if_exists", "include_dir":
		p.f.Includes = append(p.f.Includes, Include{
			Directive: lname, Path: value, Line: p.line(name.start),
			Span: Span{name.start, val.end},
		})
		return
	}
	p.f.Settings = append(p.f.Settings, Setting{
		Name: lname, Value: value, Quoted: quoted, Line: p.line(name.start),
		NameSpan: Span{name.start, name.end}, ValueSpan: Span{val.start, val.end},
	})
}

// unexpected reports token t where want was expected.
func (p *parser) unexpected(t tok, want string) {
	text := p.src[t.start:t.end]
	switch {
	case t.kind == tokError && text[0] == '\'':
		p.problem(t.start, "unterminated quoted string")
	case want == "":
		p.problem(t.start, "unexpected %q", text)
	default:
		p.problem(t.start, "expected %s, found %q", want, text)
	}
}

// unquote decodes a single-quoted string as DeescapeQuotedString does.
func unquote(s string) string {
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			switch e := s[i]; e {
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v := 0
				k := 0
				for ; k < 3 && i+k < len(s) && s[i+k] >= '0' && s[i+k] <= '7'; k++ {
					v = v<<3 + int(s[i+k]-'0')
				}
				i += k - 1
				c = byte(v)
			default:
				c = e
			}
		case c == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		}
		if c == 0 {
			break // the server's value is a C string
		}
		b.WriteByte(c)
	}
	return b.String()
}

// lowerASCII lower-cases ASCII letters only, leaving other bytes as they
// are, like the server's guc_name_compare.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
