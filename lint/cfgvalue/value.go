package cfgvalue

import (
	"fmt"
	"strconv"
)

// Kind is the type of a scalar as the file's format resolves it.
type Kind int

// The kinds of scalar a Value holds.
const (
	// String is a string, and also anything else that is neither a number,
	// a boolean nor null: TOML dates and times, YAML timestamps, binary and
	// custom-tagged scalars, and every Template value.
	String Kind = iota + 1
	// Number is an integer or a floating-point number (including TOML's and
	// YAML's inf and nan), with Text as written.
	Number
	// Bool is true or false, with Text as written.
	Bool
	// Null is JSON null, YAML null (null, ~, or an empty value) and HCL null.
	Null
)

// String returns the kind's name in lower case.
func (k Kind) String() string {
	switch k {
	case String:
		return "string"
	case Number:
		return "number"
	case Bool:
		return "bool"
	case Null:
		return "null"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Value is one scalar of a config file with where it is written.
type Value struct {
	// Path is the chain of keys from the document root to the value. An
	// element of a sequence, array or tuple adds its index as "[0]", "[1]";
	// an HCL block adds its type and labels, and an unlabeled HCL block also
	// its index among the blocks of the same type in its body (see the
	// package documentation). A key that is not a scalar is "?". Path is
	// never shared with another Value.
	Path []string
	// Key is the key the value is written under: the last element of Path
	// that is not an index, or "" when there is none (an element of a
	// top-level sequence).
	Key string
	// Text is the scalar as the format decodes it: quotes removed, escapes
	// resolved, YAML block scalars and multi-line plain scalars folded as
	// YAML does. Numbers, booleans and nulls are as written. For a Template
	// value it is the expression's source text.
	Text string
	// Kind is the scalar's type.
	Kind Kind
	// Start and End are the byte offsets, in the parsed input, of the
	// value's content: for a quoted string the bytes inside the quotes, for
	// a YAML block scalar its content lines (without the indicator line).
	// 0 <= Start <= End <= len(src) always holds.
	Start, End int
	// Exact reports that src[Start:End] == Text byte for byte, so that the
	// byte Text[i] is the byte src[Start+i]. When it is false (escapes,
	// folding, a multi-line string) a caller that needs to point into or
	// redact part of the value asks Span, which maps exactly where the
	// format's decoding was traced and gives all of [Start, End) where it
	// was not.
	Exact bool
	// Template reports a value that is not a literal: an HCL expression
	// that refers to variables, calls functions or interpolates
	// ("${var.x}"), or an env file value that expands $VAR or ${VAR}. Text
	// then holds the source text as written (inside the quotes, escapes not
	// decoded), and Kind is String.
	Template bool
	// KeyStart and KeyEnd are the byte offsets of the key the value is
	// written under (for a quoted key, inside the quotes), or -1 when there
	// is none: an element of a top-level sequence, or a key that is not a
	// scalar.
	KeyStart, KeyEnd int
	// Line is the 1-based line of Start, counting "\n" as the only line
	// break.
	Line int
	// Doc is the 0-based index of the YAML document the value belongs to
	// in its stream ("---" separates documents); 0 in the other formats.
	Doc int
	// textMap traces Text back to the source when it is not Exact; nil
	// when the decoding was not traced.
	textMap textMap
}

// Error is a syntax error in the parsed input, or an input that cannot be
// read for another reason (too deeply nested, not UTF-8).
type Error struct {
	// Offset is the byte offset of the problem in the input. When the
	// underlying parser reports only a line (YAML), it is the start of that
	// line.
	Offset int
	// Line and Col are the 1-based line and column of Offset. Columns count
	// Unicode code points, and a byte-order mark at the start of the file
	// does not count.
	Line, Col int
	// Msg says what is wrong, without the position.
	Msg string
}

// Error returns "line:col: message".
func (e *Error) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
}

// maxDepth bounds nesting. Real configuration is a few dozen levels deep at
// most; the bound keeps a hostile file from costing quadratic time and
// memory through ever longer paths.
const maxDepth = 1000

// elemsPerByte and elemsAllowance bound the total number of path elements
// of all values of one file: so many per input byte, plus a fixed
// allowance. Every
// Value owns its Path, so a file that nests thousands of levels deep around
// a long array would otherwise need memory quadratic in its size.
const (
	elemsPerByte   = 16
	elemsAllowance = 1 << 20
)

// abort is panicked by the walkers to stop at an error; Parse functions
// recover it.
type abort struct{ err *Error }

// indexNames caches the path elements of small indices.
var indexNames = func() []string {
	s := make([]string, 256)
	for i := range s {
		s[i] = "[" + strconv.Itoa(i) + "]"
	}
	return s
}()

// indexName returns the path element of sequence index i.
func indexName(i int) string {
	if i < len(indexNames) {
		return indexNames[i]
	}
	return "[" + strconv.Itoa(i) + "]"
}

// builder collects the values of one input.
type builder struct {
	src   []byte
	lines *lineIndex
	vals  []Value
	elems int // path elements handed out so far
	// path is the current key path, a stack shared by the walkers; every
	// Value gets a copy.
	path []string
	// doc is the index of the YAML document being walked.
	doc int
}

func newBuilder(src []byte) *builder {
	return &builder{src: src, lines: newLineIndex(src)}
}

// push enters one level of nesting, failing at maxDepth. off is where the
// nesting starts, for the error.
func (b *builder) push(elem string, off int) {
	if len(b.path) >= maxDepth {
		b.failDeep(off)
	}
	b.path = append(b.path, elem)
}

// failDeep stops the walk at offset off for nesting beyond maxDepth.
func (b *builder) failDeep(off int) {
	b.fail(off, fmt.Sprintf("nested more than %d levels deep", maxDepth))
}

func (b *builder) pop() { b.path = b.path[:len(b.path)-1] }

// fail stops the walk with an error at byte offset off.
func (b *builder) fail(off int, msg string) {
	panic(abort{b.errorAt(off, msg)})
}

func (b *builder) errorAt(off int, msg string) *Error {
	return errorAt(b.src, b.lines, off, msg)
}

func errorAt(src []byte, li *lineIndex, off int, msg string) *Error {
	off = max(0, min(off, len(src)))
	line, col := li.position(off)
	return &Error{Offset: off, Line: line, Col: col, Msg: msg}
}

// scalar describes one value for add.
type scalar struct {
	key              string
	keyStart, keyEnd int
	text             string
	kind             Kind
	start, end       int
	template         bool
	// textMap traces text to the source, for a walker that decodes
	// escapes or folds lines; add keeps it only when it fits.
	textMap textMap
}

// add records a value at the current path. It clamps the span into the
// input and decides Exact by comparing bytes, so the guarantees documented
// on Value hold whatever a format's walker computed.
func (b *builder) add(s scalar) {
	n := len(b.src)
	s.start = max(0, min(s.start, n))
	s.end = max(s.start, min(s.end, n))
	if s.keyStart < 0 || s.keyEnd < s.keyStart || s.keyEnd > n {
		s.keyStart, s.keyEnd = -1, -1
	}
	b.elems += len(b.path)
	if b.elems > elemsPerByte*n+elemsAllowance {
		b.fail(s.start, "too many deeply nested values")
	}
	exact := string(b.src[s.start:s.end]) == s.text
	var tm textMap
	if !exact && !s.template && s.textMap.fits(len(s.text), s.start, s.end) {
		tm = s.textMap
	}
	b.vals = append(b.vals, Value{
		Path:     append([]string(nil), b.path...),
		Key:      s.key,
		Text:     s.text,
		Kind:     s.kind,
		Start:    s.start,
		End:      s.end,
		Exact:    exact,
		Template: s.template,
		KeyStart: s.keyStart,
		KeyEnd:   s.keyEnd,
		Line:     b.lines.line(s.start),
		Doc:      b.doc,
		textMap:  tm,
	})
}

// recoverParse turns a panic during parsing into an *Error: an abort from a
// walker as it is, anything else (a bug in a third-party parser on odd
// input) as an error at the start of the input.
func recoverParse(src []byte, vals *[]Value, err *error) {
	r := recover()
	if r == nil {
		return
	}
	*vals = nil
	if a, ok := r.(abort); ok {
		*err = a.err
		return
	}
	*err = errorAt(src, newLineIndex(src), 0, fmt.Sprintf("parser failed: %v", r))
}
