package pgbouncer

import (
	"fmt"
	"unicode/utf8"
)

// Span is a half-open range [Start, End) of byte offsets into the input.
type Span struct{ Start, End int }

// Setting is one "key = value" line.
type Setting struct {
	// Section is the name of the section the setting is in, as written
	// between the brackets; "" before the first section header.
	Section string
	// Key is the key, without the quotes of a quoted key.
	Key string
	// Value is the value as written, without trailing white space.
	Value string
	// KeySpan is the key without its quotes; ValueSpan is the value.
	KeySpan, ValueSpan Span
}

// Include is a "%include path" line.
type Include struct {
	// Path is the file named, as written.
	Path string
	// Span covers the directive from "%include" to the end of the path.
	Span Span
}

// Problem is a line PgBouncer would refuse with a syntax error. Msg never
// quotes the line beyond the one character it is about.
type Problem struct {
	Offset int
	Msg    string
}

// File is a parsed pgbouncer.ini.
type File struct {
	// Settings are the settings in file order, duplicates included.
	Settings []Setting
	// Includes are the %include lines in file order.
	Includes []Include
}

// Last returns the setting of key in section that PgBouncer uses — the
// last one written — or nil when there is none.
func (f *File) Last(section, key string) *Setting {
	for i := len(f.Settings) - 1; i >= 0; i-- {
		if s := &f.Settings[i]; s.Section == section && s.Key == key {
			return s
		}
	}
	return nil
}

// In returns the settings of a section in file order.
func (f *File) In(section string) []*Setting {
	var out []*Setting
	for i := range f.Settings {
		if f.Settings[i].Section == section {
			out = append(out, &f.Settings[i])
		}
	}
	return out
}

const bom = "\uFEFF"

// Parse reads a pgbouncer.ini (see the package documentation).
func Parse(src []byte) (*File, []Problem) {
	p := &iniParser{src: src, f: &File{}}
	if len(src) >= len(bom) && string(src[:len(bom)]) == bom {
		p.i = len(bom)
	}
	for p.i < len(src) {
		p.next()
	}
	return p.f, p.probs
}

type iniParser struct {
	src     []byte
	i       int
	section string
	f       *File
	probs   []Problem
}

// isSpace is C's isspace in the C locale.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

func isKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-' || c == '*'
}

// lineEnd returns the offset of the "\n" ending the line at i, or the end
// of the input.
func (p *iniParser) lineEnd(i int) int {
	for i < len(p.src) && p.src[i] != '\n' {
		i++
	}
	return i
}

// trimEnd returns end moved back over white space, not before start.
func (p *iniParser) trimEnd(start, end int) int {
	for end > start && isSpace(p.src[end-1]) {
		end--
	}
	return end
}

func (p *iniParser) problem(off int, format string, args ...any) {
	p.probs = append(p.probs, Problem{Offset: off, Msg: fmt.Sprintf(format, args...)})
	p.i = p.lineEnd(off)
}

// describe names the character at i for a problem message.
func (p *iniParser) describe(i int) string {
	if i >= len(p.src) || p.src[i] == '\n' || p.src[i] == '\r' {
		return "end of line"
	}
	r, _ := utf8.DecodeRune(p.src[i:])
	return fmt.Sprintf("%q", r)
}

// next reads from p.i, after white space, one directive, comment, section
// header or setting.
func (p *iniParser) next() {
	src := p.src
	for p.i < len(src) && isSpace(src[p.i]) {
		p.i++
	}
	if p.i >= len(src) {
		return
	}
	start := p.i
	if rest := src[start:]; len(rest) > 8 && string(rest[:8]) == "%include" && isBlank(rest[8]) {
		vs := start + 8
		for vs < len(src) && isBlank(src[vs]) {
			vs++
		}
		end := p.lineEnd(vs)
		ve := p.trimEnd(vs, end)
		p.f.Includes = append(p.f.Includes, Include{Path: string(src[vs:ve]), Span: Span{start, ve}})
		p.i = end
		return
	}
	switch src[start] {
	case '#', ';':
		p.i = p.lineEnd(start)
		return
	case '[':
		j := start + 1
		for j < len(src) && src[j] != ']' && src[j] != '\n' {
			j++
		}
		if j >= len(src) || src[j] != ']' {
			p.problem(start, "section header without a closing ']'")
			return
		}
		p.section = string(src[start+1 : j])
		p.i = j + 1
		return
	}
	var ks, ke int
	if src[start] == '\'' {
		ks = start + 1
		j := ks
		for j < len(src) && src[j] != '\'' && src[j] != '\n' {
			j++
		}
		if j >= len(src) || src[j] != '\'' {
			p.problem(start, "quoted name without a closing quote")
			return
		}
		if j == ks {
			p.problem(start, "empty quoted name")
			return
		}
		ke = j
		p.i = j + 1
	} else {
		ks = start
		for p.i < len(src) && isKeyChar(src[p.i]) {
			p.i++
		}
		ke = p.i
		if ks == ke {
			p.problem(start, "unexpected %s, expecting a setting name, a [section] or a comment", p.describe(start))
			return
		}
	}
	for p.i < len(src) && isBlank(src[p.i]) {
		p.i++
	}
	if p.i >= len(src) || src[p.i] != '=' {
		p.problem(p.i, "unexpected %s after %s, expecting '='", p.describe(p.i), string(src[ks:ke]))
		return
	}
	p.i++
	for p.i < len(src) && isBlank(src[p.i]) {
		p.i++
	}
	vs := p.i
	end := p.lineEnd(vs)
	ve := p.trimEnd(vs, end)
	p.f.Settings = append(p.f.Settings, Setting{
		Section:   p.section,
		Key:       string(src[ks:ke]),
		Value:     string(src[vs:ve]),
		KeySpan:   Span{ks, ke},
		ValueSpan: Span{vs, ve},
	})
	p.i = end
}
