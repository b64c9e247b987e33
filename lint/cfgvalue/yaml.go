package cfgvalue

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// ParseYAML returns the scalars of every document of a YAML stream, in
// document order. A value is reported once, where it is written: an alias
// (*name) and a merge key (<<: *name) add nothing, since what they refer to
// was reported at its anchor. A syntax error returns no values and an
// *Error; yaml.v3 reports only the line of a syntax error, so the column is
// that line's first.
func ParseYAML(src []byte) (vals []Value, err error) {
	defer recoverParse(src, &vals, &err)
	if !utf8.Valid(src) {
		return nil, invalidUTF8(src)
	}
	w := &yamlWalker{b: newBuilder(src), pos: newYAMLPos(src)}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, w.syntaxError(err)
		}
		w.node(&doc, "", -1, -1)
		w.b.doc++
	}
	return w.b.vals, nil
}

// invalidUTF8 reports the first byte of src that is not UTF-8.
func invalidUTF8(src []byte) *Error {
	off := 0
	for off < len(src) {
		r, size := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		off += size
	}
	return errorAt(src, newLineIndex(src), off, "invalid UTF-8")
}

type yamlWalker struct {
	b   *builder
	pos *yamlPos
}

var (
	yamlLineErr  = regexp.MustCompile(`^yaml: line (\d+): `)
	yamlAliasErr = regexp.MustCompile(`^yaml: (?:unknown anchor|anchor) '([^']*)'`)
)

// yamlParserProblems are the messages of yaml.v3's parser (as opposed to
// its scanner). For these it reports a 0-based line (the line of the
// enclosing construct when there is one, else of the problem), for scanner
// errors a 1-based one.
var yamlParserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
	"found undefined tag handle":             true,
}

// syntaxError converts a yaml.v3 error, whose only position is a line in
// its message, into an *Error at the start of that line.
func (w *yamlWalker) syntaxError(err error) *Error {
	msg := err.Error()
	if m := yamlLineErr.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
		if yamlParserProblems[msg] {
			line++
		}
		return w.b.errorAt(w.pos.offset(line, 1), msg)
	}
	off := 0
	switch m := yamlAliasErr.FindStringSubmatch(msg); {
	case m != nil:
		off = findAlias(w.b.src, m[1])
	case strings.Contains(msg, "control characters"):
		off = firstYAMLControl(w.b.src)
	}
	return w.b.errorAt(off, strings.TrimPrefix(msg, "yaml: "))
}

// findAlias returns the offset of the first "*name" in src, or 0.
func findAlias(src []byte, name string) int {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("*"+name))
		if j < 0 {
			return 0
		}
		j += i
		if e := j + 1 + len(name); e == len(src) || isYAMLSpace(src, e) || strings.IndexByte(",]}", src[e]) >= 0 {
			return j
		}
		i = j + 1
	}
}

// firstYAMLControl returns the offset of the first character YAML does not
// allow in a stream, or 0.
func firstYAMLControl(src []byte) int {
	for i, r := range string(src) {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0x7e || r == 0x85,
			r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000 && r <= 0x10ffff:
		default:
			return i
		}
	}
	return 0
}

// push enters one level of nesting at node n. The offset of n is only
// needed for the error: computing it for every element of a long flow
// sequence would walk its line again for each.
func (w *yamlWalker) push(elem string, n *yaml.Node) {
	if len(w.b.path) >= maxDepth {
		w.b.failDeep(w.pos.offset(n.Line, n.Column))
	}
	w.b.path = append(w.b.path, elem)
}

// node walks n, which is written under key (span ks, ke).
func (w *yamlWalker) node(n *yaml.Node, key string, ks, ke int) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			if c.Kind == yaml.ScalarNode && c.Value == "" && c.Style == 0 && c.Anchor == "" {
				continue // an empty document ("---" with nothing after it)
			}
			w.node(c, "", -1, -1)
		}
	case yaml.MappingNode:
		w.mapping(n)
	case yaml.SequenceNode:
		for i, c := range n.Content {
			w.push(indexName(i), n)
			w.node(c, key, ks, ke)
			w.b.pop()
		}
	case yaml.ScalarNode:
		start, end := w.content(n)
		s := scalar{key: key, keyStart: ks, keyEnd: ke, text: n.Value, kind: yamlKind(n), start: start, end: end}
		if string(w.b.src[start:end]) != n.Value {
			switch {
			case n.Style&yaml.DoubleQuotedStyle != 0:
				s.textMap = yamlFlowMap(w.b.src, start, end, '"', n.Value)
			case n.Style&yaml.SingleQuotedStyle != 0:
				s.textMap = yamlFlowMap(w.b.src, start, end, '\'', n.Value)
			case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0:
				s.textMap = yamlFlowMap(w.b.src, start, end, 0, n.Value)
			}
		}
		w.b.add(s)
	case yaml.AliasNode:
		// Reported where its anchor is written.
	}
}

func (w *yamlWalker) mapping(n *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" && w.merge(v) {
			continue
		}
		name, ks, ke := "?", -1, -1
		switch k.Kind {
		case yaml.ScalarNode:
			name = k.Value
			ks, ke = w.content(k)
		case yaml.AliasNode:
			if k.Alias != nil && k.Alias.Kind == yaml.ScalarNode {
				name = k.Alias.Value
			}
		}
		w.push(name, k)
		w.node(v, name, ks, ke)
		w.b.pop()
	}
}

// merge walks the value of a merge key ("<<") and reports whether it was
// one. Aliases in it add nothing (their values were reported at the
// anchor); a mapping written in place merges into the enclosing mapping,
// so its values get the enclosing path.
func (w *yamlWalker) merge(v *yaml.Node) bool {
	switch v.Kind {
	case yaml.AliasNode:
		return true
	case yaml.MappingNode:
		w.mapping(v)
		return true
	case yaml.SequenceNode:
		for _, c := range v.Content {
			if c.Kind != yaml.AliasNode && c.Kind != yaml.MappingNode {
				return false
			}
		}
		for _, c := range v.Content {
			if c.Kind == yaml.MappingNode {
				w.mapping(c)
			}
		}
		return true
	}
	return false
}

func yamlKind(n *yaml.Node) Kind {
	switch n.ShortTag() {
	case "!!int", "!!float":
		return Number
	case "!!bool":
		return Bool
	case "!!null":
		return Null
	}
	return String
}

// content returns the byte span of a scalar node's content. yaml.v3 gives
// the line and column where the node starts, which is at its anchor or tag
// when it has one and at the quote or block indicator otherwise; the rest
// is found by scanning the source.
func (w *yamlWalker) content(n *yaml.Node) (start, end int) {
	src := w.b.src
	p := w.pos.offset(n.Line, n.Column)
	plain := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0
	if plain && n.Value == "" {
		// An empty value: yaml.v3 puts it right after the ":" or "-", or at
		// its anchor or tag. Stay on that line.
		if n.Anchor != "" || n.Style&yaml.TaggedStyle != 0 {
			p = skipYAMLProps(src, p, false)
		}
		return p, p
	}
	p = skipYAMLProps(src, p, true)
	if p >= len(src) {
		return p, p
	}
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0 && src[p] == '"':
		return p + 1, scanQuoted(src, p+1, '"')
	case n.Style&yaml.SingleQuotedStyle != 0 && src[p] == '\'':
		return p + 1, scanQuoted(src, p+1, '\'')
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 && (src[p] == '|' || src[p] == '>'):
		return blockScalarSpan(src, p, n.Value)
	}
	return p, plainEnd(src, p, n.Value)
}

// skipYAMLProps skips white space, anchors (&a) and tags (!!str, !t,
// !<tag:x>) at p and, when acrossLines, comments and line breaks between
// them and the content.
func skipYAMLProps(src []byte, p int, acrossLines bool) int {
	for p < len(src) {
		switch c := src[p]; {
		case c == ' ' || c == '\t':
			p++
		case c == '&' || c == '!':
			if c == '!' && p+1 < len(src) && src[p+1] == '<' {
				for p < len(src) && src[p] != '>' && !isYAMLSpace(src, p) {
					p++
				}
			}
			for p < len(src) && !isYAMLSpace(src, p) && !strings.ContainsRune(",[]{}", rune(src[p])) {
				p++
			}
		case acrossLines && c == '#':
			for p < len(src) && yamlBreakLen(src, p) == 0 {
				p++
			}
		case acrossLines && yamlBreakLen(src, p) > 0:
			p += yamlBreakLen(src, p)
		default:
			return p
		}
	}
	return p
}

// isYAMLSpace reports a space, tab or line break at src[p].
func isYAMLSpace(src []byte, p int) bool {
	return src[p] == ' ' || src[p] == '\t' || yamlBreakLen(src, p) > 0
}

// yamlBreakLen returns the length of the line break at src[p], 0 if there
// is none. yaml.v3 follows YAML 1.1 here: besides LF, CR and CRLF, NEL
// (U+0085), LS (U+2028) and PS (U+2029) break lines.
func yamlBreakLen(src []byte, p int) int {
	switch src[p] {
	case '\n':
		return 1
	case '\r':
		if p+1 < len(src) && src[p+1] == '\n' {
			return 2
		}
		return 1
	case 0xc2:
		if p+1 < len(src) && src[p+1] == 0x85 {
			return 2
		}
	case 0xe2:
		if p+2 < len(src) && src[p+1] == 0x80 && (src[p+2] == 0xa8 || src[p+2] == 0xa9) {
			return 3
		}
	}
	return 0
}

// yamlLineEnd returns the offset of the line break (or end of input) at or
// after p.
func yamlLineEnd(src []byte, p int) int {
	for p < len(src) && yamlBreakLen(src, p) == 0 {
		p++
	}
	return p
}

// scanQuoted returns the offset of the closing quote of a YAML quoted
// scalar whose content starts at p: in double quotes a backslash escapes
// the next character, in single quotes two quotes in a row are one.
func scanQuoted(src []byte, p int, quote byte) int {
	for p < len(src) {
		switch {
		case quote == '"' && src[p] == '\\':
			p += 2
		case src[p] != quote:
			p++
		case quote == '\'' && p+1 < len(src) && src[p+1] == '\'':
			p += 2
		default:
			return p
		}
	}
	return len(src)
}

// plainEnd returns the end of the plain scalar whose content starts at p
// and decodes to text. A plain scalar that spans lines is folded by YAML
// (line breaks and indentation become a space, or a "\n" per empty line),
// so the words of text are matched to the source in order.
func plainEnd(src []byte, p int, text string) int {
	if end := p + len(text); end <= len(src) && string(src[p:end]) == text {
		return end
	}
	i := p
	for t := 0; t < len(text); {
		if c := text[t]; c == ' ' || c == '\t' || c == '\n' {
			t++
			continue
		}
		w := t
		for w < len(text) && text[w] != ' ' && text[w] != '\t' && text[w] != '\n' {
			w++
		}
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || yamlBreakLen(src, i) > 0) {
			i++
		}
		if end := i + w - t; end > len(src) || string(src[i:end]) != text[t:w] {
			return trimYAMLSpace(src, p, yamlLineEnd(src, p)) // not expected; the rest of the line
		}
		i += w - t
		t = w
	}
	return i
}

// trimYAMLSpace returns end moved back over spaces and tabs, not before p.
func trimYAMLSpace(src []byte, p, end int) int {
	for end > p && (src[end-1] == ' ' || src[end-1] == '\t') {
		end--
	}
	return end
}

// blockScalarSpan returns the content span of the literal (|) or folded (>)
// block scalar whose indicator is at p and which decodes to text: from the
// first character of its first non-empty line (at the content indentation)
// to the end of its last non-empty line, and past that line's break when
// that makes the span equal text (a one-line "|" scalar).
func blockScalarSpan(src []byte, p int, text string) (start, end int) {
	header := yamlLineEnd(src, p) // indicators and an optional comment
	if header >= len(src) {
		return header, header
	}
	i := header + yamlBreakLen(src, header)
	// The first non-blank line fixes the indentation; text keeps the spaces
	// beyond it.
	first := -1
	indent := 0
	for j := i; j < len(src); {
		k := j
		for k < len(src) && src[k] == ' ' {
			k++
		}
		e := yamlLineEnd(src, k)
		if trimYAMLSpace(src, k, e) > k {
			first, indent = j, k-j
			break
		}
		j = e
		if j < len(src) {
			j += yamlBreakLen(src, j)
		}
	}
	if first < 0 || indent == 0 { // no content, or a line at column 0 ends it at once
		return header, header
	}
	t := strings.TrimLeft(text, "\n")
	if nl := strings.IndexByte(t, '\n'); nl >= 0 {
		t = t[:nl]
	}
	if extra := len(t) - len(strings.TrimLeft(t, " ")); extra < indent {
		indent -= extra // an explicit indentation indicator keeps these spaces
	}
	start = first + indent
	end = start
	for j := first; j < len(src); {
		k := j
		for k < len(src) && src[k] == ' ' {
			k++
		}
		e := yamlLineEnd(src, k)
		if trimYAMLSpace(src, k, e) > k { // not blank
			if k-j < indent {
				break
			}
			end = e
		}
		j = e
		if j < len(src) {
			j += yamlBreakLen(src, j)
		}
	}
	if end < len(src) && src[end] == '\n' && strings.HasSuffix(text, "\n") &&
		string(src[start:end+1]) == text {
		end++
	}
	return start, end
}

// yamlPos turns yaml.v3's 1-based line and column, which count lines by
// YAML's line breaks and columns in characters, into byte offsets.
type yamlPos struct {
	src   []byte
	start []int // byte offset of each line's first byte
	// The last answer, so that offsets asked in increasing order on one long
	// line cost one pass over it, not one pass per node.
	lastLine, lastCol, lastOff int
}

func newYAMLPos(src []byte) *yamlPos {
	y := &yamlPos{src: src, start: []int{0}}
	if bytes.HasPrefix(src, []byte(bom)) {
		y.start[0] = len(bom) // yaml.v3 skips it without counting a column
	}
	for i := 0; i < len(src); {
		if n := yamlBreakLen(src, i); n > 0 {
			i += n
			y.start = append(y.start, i)
			continue
		}
		i++
	}
	return y
}

func (y *yamlPos) offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(y.start) {
		return len(y.src)
	}
	off, c := y.start[line-1], 1
	if y.lastLine == line && y.lastCol <= col {
		off, c = y.lastOff, y.lastCol
	}
	end := len(y.src)
	if line < len(y.start) {
		end = y.start[line]
	}
	for c < col && off < end {
		_, size := utf8.DecodeRune(y.src[off:end])
		off += size
		c++
	}
	y.lastLine, y.lastCol, y.lastOff = line, c, off
	return off
}

// yamlFlowMap decodes src[start:end], the content of a flow scalar — plain
// (quote 0), single-quoted or double-quoted — as yaml.v3's scanner does,
// and traces where each decoded byte comes from. Between lines, trailing
// and leading blanks go, and a line break folds to a space, or to one "\n"
// per empty line that follows it; in double quotes a backslash escapes a
// character or the line break it ends, in single quotes a doubled quote is
// one. It returns nil when the decoding is not text, the value yaml.v3
// decoded.
func yamlFlowMap(src []byte, start, end int, quote byte, text string) textMap {
	var (
		out []byte
		tm  textMap
		// Blanks after content on the same line: kept when content
		// follows on the line, dropped at a line break.
		blanks []int
		// After a line break (or an escaped one, lead.n == 0) until the
		// next content: the first break and the breaks of empty lines.
		folding  bool
		lead     yamlBreak
		trailing []yamlBreak
	)
	emitBreak := func(b yamlBreak) {
		if b.n == 3 { // U+2028 and U+2029 are kept as they are
			tm.copy(len(out), b.at, 3)
			out = append(out, src[b.at:b.at+3]...)
			return
		}
		tm.decoded(len(out), 1, b.at, b.n)
		out = append(out, '\n')
	}
	join := func() {
		switch {
		case !folding:
			for _, at := range blanks {
				tm.copy(len(out), at, 1)
				out = append(out, src[at])
			}
		case lead.n > 0 && lead.n != 3 && len(trailing) == 0:
			tm.decoded(len(out), 1, lead.at, lead.n)
			out = append(out, ' ')
		case lead.n > 0 && lead.n != 3:
			for _, b := range trailing {
				emitBreak(b)
			}
		default: // an escaped line break, or a U+2028/U+2029 one
			if lead.n == 3 {
				emitBreak(lead)
			}
			for _, b := range trailing {
				emitBreak(b)
			}
		}
		blanks, folding, lead, trailing = blanks[:0], false, yamlBreak{}, trailing[:0]
	}
	for i := start; i < end; {
		c := src[i]
		if c == ' ' || c == '\t' {
			if !folding {
				blanks = append(blanks, i)
			}
			i++
			continue
		}
		if n := yamlBreakLen(src, i); n > 0 {
			if !folding {
				blanks, folding, lead = blanks[:0], true, yamlBreak{i, n}
			} else {
				trailing = append(trailing, yamlBreak{i, n})
			}
			i += n
			continue
		}
		join()
		switch {
		case quote == '"' && c == '\\' && i+1 < end && yamlBreakLen(src, i+1) > 0:
			i += 1 + yamlBreakLen(src, i+1)
			folding = true
		case quote == '"' && c == '\\':
			dec, n := yamlEscape(src[i:end])
			if n == 0 {
				return nil
			}
			tm.decoded(len(out), len(dec), i, n)
			out = append(out, dec...)
			i += n
		case quote == '\'' && c == '\'' && i+1 < end && src[i+1] == '\'':
			tm.decoded(len(out), 1, i, 2)
			out = append(out, '\'')
			i += 2
		default:
			tm.copy(len(out), i, 1)
			out = append(out, c)
			i++
		}
	}
	if quote != 0 {
		join()
	}
	if string(out) != text {
		return nil
	}
	return tm
}

// yamlBreak is a line break in the source: at offset at, n bytes long.
type yamlBreak struct{ at, n int }

// yamlEscape decodes the escape sequence of a double-quoted YAML scalar at
// the start of s, returning the bytes and how much of s it used (0 when
// it is not one yaml.v3 accepts).
func yamlEscape(s []byte) ([]byte, int) {
	if len(s) < 2 {
		return nil, 0
	}
	switch s[1] {
	case '0':
		return []byte{0}, 2
	case 'a':
		return []byte{'\a'}, 2
	case 'b':
		return []byte{'\b'}, 2
	case 't', '\t':
		return []byte{'\t'}, 2
	case 'n':
		return []byte{'\n'}, 2
	case 'v':
		return []byte{'\v'}, 2
	case 'f':
		return []byte{'\f'}, 2
	case 'r':
		return []byte{'\r'}, 2
	case 'e':
		return []byte{0x1b}, 2
	case ' ', '"', '/', '\'', '\\':
		return []byte{s[1]}, 2
	case 'N':
		return []byte("\u0085"), 2
	case '_':
		return []byte("\u00a0"), 2
	case 'L':
		return []byte("\u2028"), 2
	case 'P':
		return []byte("\u2029"), 2
	}
	digits := 0
	switch s[1] {
	case 'x':
		digits = 2
	case 'u':
		digits = 4
	case 'U':
		digits = 8
	}
	if digits == 0 || len(s) < 2+digits {
		return nil, 0
	}
	v, err := strconv.ParseUint(string(s[2:2+digits]), 16, 32)
	if err != nil || v >= 0xd800 && v <= 0xdfff || v > 0x10ffff {
		return nil, 0
	}
	return utf8.AppendRune(nil, rune(v)), 2 + digits
}
