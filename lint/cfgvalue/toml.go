package cfgvalue

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// ParseTOML returns the scalars of a TOML document in document order:
// tables, arrays of tables, dotted keys, inline tables and arrays, and
// every kind of string. The document is first decoded with go-toml, so
// that everything TOML forbids (a key defined twice, a table redefined, an
// invalid date) is an *Error at go-toml's position; the values and their
// ranges then come from go-toml's unstable parser. Dates and times are
// String values with the text as written; integers and floats are Number
// values as written (1_000, 0xff, inf). A leading byte-order mark, which
// go-toml rejects, is accepted.
func ParseTOML(src []byte) (vals []Value, err error) {
	src = src[:len(src):len(src)] // go-toml finds offsets through capacities
	defer recoverParse(src, &vals, &err)
	b := newBuilder(src)
	doc := src
	if bytes.HasPrefix(src, []byte(bom)) {
		// go-toml rejects a byte-order mark; blanks keep every offset.
		doc = append([]byte("   "), src[len(bom):]...)
		doc = doc[:len(doc):len(doc)]
	}
	if err := toml.Unmarshal(doc, new(map[string]any)); err != nil {
		return nil, tomlError(b, doc, err)
	}
	w := &tomlWalker{b: b, nodes: map[tomlNode]int{}, arrays: map[int]int{}}
	var p unstable.Parser
	p.Reset(doc)
	for p.NextExpression() {
		w.expression(&p, p.Expression())
	}
	if err := p.Error(); err != nil {
		return nil, tomlError(b, doc, err)
	}
	return b.vals, nil
}

// tomlError converts go-toml's errors about doc, whose columns count
// bytes.
func tomlError(b *builder, doc []byte, err error) *Error {
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, col := de.Position()
		off := len(b.src)
		if row >= 1 && row <= len(b.lines.start) {
			off = b.lines.start[row-1] + col - 1
		}
		return b.errorAt(off, strings.TrimPrefix(de.Error(), "toml: "))
	}
	var pe *unstable.ParserError
	if errors.As(err, &pe) {
		off := cap(doc) - cap(pe.Highlight)
		if pe.Highlight == nil {
			off = 0
		}
		return b.errorAt(off, pe.Message)
	}
	return b.errorAt(0, strings.TrimPrefix(err.Error(), "toml: "))
}

type tomlWalker struct {
	b *builder
	// table is the path of the current [table] or [[array table]].
	table []string
	// nodes numbers the tables named by headers so far: the table named by
	// key under the table numbered parent is nodes[tomlNode{parent, key}],
	// and an array of tables is numbered apart from each of its elements.
	nodes map[tomlNode]int
	// arrays counts the elements of each array of tables so far, by number.
	arrays map[int]int
}

type tomlNode struct {
	parent int
	key    string
}

func (w *tomlWalker) expression(p *unstable.Parser, n *unstable.Node) {
	switch n.Kind {
	case unstable.Table, unstable.ArrayTable:
		w.header(n)
	case unstable.KeyValue:
		w.b.path = append(w.b.path[:0], w.table...)
		w.keyValue(p, n)
	}
}

// header sets the current table from a [table] or [[array]] header. Each
// [[array]] header starts a new element, so its path gets the element's
// index; a key naming an array of tables elsewhere in a header means its
// last element, as TOML says.
func (w *tomlWalker) header(n *unstable.Node) {
	w.table = w.table[:0]
	node := 0 // the root table
	it := n.Key()
	for it.Next() {
		if len(w.table) >= maxDepth {
			w.b.failDeep(int(it.Node().Raw.Offset))
		}
		key := string(it.Node().Data)
		w.table = append(w.table, key)
		node = w.node(node, key)
		count, isArray := w.arrays[node]
		switch {
		case n.Kind == unstable.ArrayTable && it.IsLast():
			w.arrays[node] = count + 1
			w.table = append(w.table, indexName(count))
			node = w.node(node, indexName(count))
		case isArray && count > 0:
			w.table = append(w.table, indexName(count-1))
			node = w.node(node, indexName(count-1))
		}
	}
}

// node returns the number of the table key under table parent.
func (w *tomlWalker) node(parent int, key string) int {
	id, ok := w.nodes[tomlNode{parent, key}]
	if !ok {
		id = len(w.nodes) + 1
		w.nodes[tomlNode{parent, key}] = id
	}
	return id
}

// keyValue walks a key = value pair at the current path; the key may be
// dotted.
func (w *tomlWalker) keyValue(p *unstable.Parser, n *unstable.Node) {
	depth := len(w.b.path)
	var key string
	ks, ke := -1, -1
	it := n.Key()
	for it.Next() {
		k := it.Node()
		key = string(k.Data)
		ks, ke = tomlKeySpan(p, k)
		w.b.push(key, ks)
	}
	w.value(p, n.Value(), key, ks, ke)
	w.b.path = w.b.path[:depth]
}

// tomlKeySpan returns the span of a key part, inside the quotes of a quoted
// key.
func tomlKeySpan(p *unstable.Parser, k *unstable.Node) (int, int) {
	start, end := int(k.Raw.Offset), int(k.Raw.Offset+k.Raw.Length)
	if raw := p.Raw(k.Raw); len(raw) >= 2 && (raw[0] == '"' || raw[0] == '\'') {
		return start + 1, end - 1
	}
	return start, end
}

func (w *tomlWalker) value(p *unstable.Parser, v *unstable.Node, key string, ks, ke int) {
	start, end := int(v.Raw.Offset), int(v.Raw.Offset+v.Raw.Length)
	s := scalar{key: key, keyStart: ks, keyEnd: ke, start: start, end: end, text: string(v.Data)}
	switch v.Kind {
	case unstable.String:
		s.kind = String
		raw := p.Raw(v.Raw)
		s.start, s.end = tomlStringSpan(raw, start, end)
		if len(raw) > 0 && raw[0] == '"' && string(w.b.src[s.start:s.end]) != s.text {
			s.textMap = tomlBasicMap(w.b.src, s.start, s.end, len(raw) >= 6 && string(raw[:3]) == `"""`, s.text)
		}
	case unstable.Integer, unstable.Float:
		s.kind = Number
	case unstable.Bool:
		s.kind = Bool
	case unstable.LocalDate, unstable.LocalTime, unstable.LocalDateTime, unstable.DateTime:
		s.kind = String
	case unstable.Array:
		// go-toml gives an array no range: errors point at its key.
		i := 0
		for it := v.Children(); it.Next(); {
			c := it.Node()
			if c.Kind == unstable.Comment {
				continue
			}
			w.b.push(indexName(i), ks)
			w.value(p, c, key, ks, ke)
			w.b.pop()
			i++
		}
		return
	case unstable.InlineTable:
		for it := v.Children(); it.Next(); {
			if c := it.Node(); c.Kind == unstable.KeyValue {
				w.keyValue(p, c)
			}
		}
		return
	default:
		return
	}
	w.b.add(s)
}

// tomlStringSpan returns the content span of a string whose raw text
// (with its delimiters) is at [start, end). A newline right after the
// opening delimiter of a multi-line string is not part of it.
func tomlStringSpan(raw []byte, start, end int) (int, int) {
	r := string(raw)
	switch {
	case len(r) >= 6 && (strings.HasPrefix(r, `"""`) || strings.HasPrefix(r, `'''`)):
		start, end = start+3, end-3
		switch {
		case strings.HasPrefix(r[3:], "\n"):
			start++
		case strings.HasPrefix(r[3:], "\r\n"):
			start += 2
		}
	case len(r) >= 2:
		start, end = start+1, end-1
	}
	return start, max(start, end)
}

// tomlBasicMap decodes src[start:end], the content of a basic string
// (multi-line when multiline is set), and traces where each decoded byte
// comes from. A backslash escapes a character (\xHH, \uHHHH and
// \UHHHHHHHH a code point); in a multi-line string a
// backslash that ends a line drops the line break and the white space
// after it. It returns nil when the decoding is not text, the value
// go-toml decoded.
func tomlBasicMap(src []byte, start, end int, multiline bool, text string) textMap {
	var out []byte
	var tm textMap
	for i := start; i < end; {
		c := src[i]
		if c != '\\' {
			tm.copy(len(out), i, 1)
			out = append(out, c)
			i++
			continue
		}
		if i+1 >= end {
			return nil
		}
		if multiline {
			j := i + 1
			for j < end && (src[j] == ' ' || src[j] == '\t') {
				j++
			}
			if j < end && (src[j] == '\n' || src[j] == '\r') {
				for j < end && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r') {
					j++
				}
				i = j
				continue
			}
		}
		var dec []byte
		n := 2
		switch e := src[i+1]; e {
		case 'b':
			dec = []byte{'\b'}
		case 't':
			dec = []byte{'\t'}
		case 'n':
			dec = []byte{'\n'}
		case 'f':
			dec = []byte{'\f'}
		case 'r':
			dec = []byte{'\r'}
		case 'e':
			dec = []byte{0x1b}
		case '"', '\\':
			dec = []byte{e}
		case 'x', 'u', 'U':
			n = 4 // \xHH
			switch e {
			case 'u':
				n = 6
			case 'U':
				n = 10
			}
			if i+n > end {
				return nil
			}
			r, err := strconv.ParseUint(string(src[i+2:i+n]), 16, 32)
			if err != nil || !utf8.ValidRune(rune(r)) {
				return nil
			}
			dec = utf8.AppendRune(nil, rune(r))
		default:
			return nil
		}
		tm.decoded(len(out), len(dec), i, n)
		out = append(out, dec...)
		i += n
	}
	if string(out) != text {
		return nil
	}
	return tm
}
