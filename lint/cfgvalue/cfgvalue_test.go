package cfgvalue

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// row is what a test expects of one Value: its path joined with ".", Text,
// Kind, the source bytes src[Start:End], Exact and Line.
type row struct {
	path  string
	text  string
	kind  Kind
	span  string
	exact bool
	line  int
}

// String formats r as a Go literal, to paste into a table once reviewed.
func (r row) String() string {
	kind := map[Kind]string{String: "String", Number: "Number", Bool: "Bool", Null: "Null"}[r.kind]
	return fmt.Sprintf("{%q, %q, %s, %q, %v, %d}", r.path, r.text, kind, r.span, r.exact, r.line)
}

// valueCase is one table-driven test of a Parse function.
type valueCase struct {
	name string
	src  string
	want []row
	// templates lists the paths whose values are Template values.
	templates []string
	// noKey lists the paths whose values have no key span (KeyStart -1).
	noKey []string
}

// checkValues compares vals with c.want row by row and checks what every
// Value promises (see checkInvariants), that Key is the last non-index
// element of Path, and that the key span holds Key as written.
func checkValues(t *testing.T, c valueCase, vals []Value) {
	t.Helper()
	src := c.src
	got := make([]row, len(vals))
	for i, v := range vals {
		got[i] = row{strings.Join(v.Path, "."), v.Text, v.Kind, src[v.Start:v.End], v.Exact, v.Line}
	}
	if !slices.Equal(got, c.want) {
		var sb strings.Builder
		for i := range max(len(got), len(c.want)) {
			var g, w string
			if i < len(got) {
				g = got[i].String()
			}
			if i < len(c.want) {
				w = c.want[i].String()
			}
			mark := " "
			if g != w {
				mark = "!"
			}
			fmt.Fprintf(&sb, "%s got  %s\n  want %s\n", mark, g, w)
		}
		t.Errorf("values differ:\n%s", sb.String())
	}
	checkInvariants(t, []byte(src), vals)
	var templates, noKey []string
	for _, v := range vals {
		path := strings.Join(v.Path, ".")
		if v.Template {
			templates = append(templates, path)
		}
		if v.KeyStart < 0 {
			noKey = append(noKey, path)
			if v.KeyEnd != -1 {
				t.Errorf("%s: KeyStart -1 but KeyEnd %d", path, v.KeyEnd)
			}
		} else if k := src[v.KeyStart:v.KeyEnd]; k != v.Key {
			t.Errorf("%s: key span %q, Key %q", path, k, v.Key)
		}
		wantKey := ""
		for _, p := range slices.Backward(v.Path) {
			if !isIndex(p) {
				wantKey = p
				break
			}
		}
		if v.Key != wantKey {
			t.Errorf("%s: Key %q, want %q", path, v.Key, wantKey)
		}
	}
	if !slices.Equal(templates, c.templates) {
		t.Errorf("template values %q, want %q", templates, c.templates)
	}
	if !slices.Equal(noKey, c.noKey) {
		t.Errorf("values without key span %q, want %q", noKey, c.noKey)
	}
}

func isIndex(p string) bool {
	return len(p) >= 3 && p[0] == '[' && p[len(p)-1] == ']' && strings.Trim(p[1:len(p)-1], "0123456789") == ""
}

// checkInvariants checks what Value documents for every input: spans in
// bounds and ordered, Exact only when the bytes are Text, Line the line of
// Start, key spans in bounds, Path not shared between values.
func checkInvariants(t testing.TB, src []byte, vals []Value) {
	t.Helper()
	for i, v := range vals {
		if v.Start < 0 || v.End < v.Start || v.End > len(src) {
			t.Fatalf("value %d %q: span [%d,%d) outside [0,%d]", i, v.Path, v.Start, v.End, len(src))
		}
		if v.Exact && string(src[v.Start:v.End]) != v.Text {
			t.Fatalf("value %d %q: Exact, but src %q != Text %q", i, v.Path, src[v.Start:v.End], v.Text)
		}
		if want := 1 + strings.Count(string(src[:v.Start]), "\n"); v.Line != want {
			t.Fatalf("value %d %q: Line %d, want %d", i, v.Path, v.Line, want)
		}
		if v.KeyStart != -1 && (v.KeyStart < 0 || v.KeyEnd < v.KeyStart || v.KeyEnd > len(src)) {
			t.Fatalf("value %d %q: key span [%d,%d) outside [0,%d]", i, v.Path, v.KeyStart, v.KeyEnd, len(src))
		}
		if v.Kind < String || v.Kind > Null {
			t.Fatalf("value %d %q: bad kind %d", i, v.Path, v.Kind)
		}
		if i > 0 && len(v.Path) > 0 && len(vals[i-1].Path) > 0 && &v.Path[0] == &vals[i-1].Path[0] {
			t.Fatalf("values %d and %d share a Path", i-1, i)
		}
		checkSpans(t, src, v)
	}
}

// checkSpans checks what Span promises for every byte of v's Text: a
// range inside the value, ranges in order, the very bytes where Text is
// copied, and a traced map that covers Text exactly.
func checkSpans(t testing.TB, src []byte, v Value) {
	t.Helper()
	if v.textMap != nil && (v.Exact || !v.textMap.fits(len(v.Text), v.Start, v.End)) {
		t.Fatalf("value %q: a map that does not fit (exact %v)", v.Path, v.Exact)
	}
	prev := v.Start
	for i := range len(v.Text) {
		s, e := v.Span(i, i+1)
		if s < prev || s > e || s < v.Start || e > v.End {
			t.Fatalf("value %q: Span(%d, %d) = [%d,%d), previous start %d, value [%d,%d)", v.Path, i, i+1, s, e, prev, v.Start, v.End)
		}
		if v.textMap != nil && (s == e || v.textMap.run(i).copied && string(src[s:e]) != v.Text[i:i+1]) {
			t.Fatalf("value %q: Text[%d] %q maps to %q", v.Path, i, v.Text[i:i+1], src[s:e])
		}
		prev = s
	}
	if s, e := v.Span(0, len(v.Text)); v.Exact && (s != v.Start || e != v.End) {
		t.Fatalf("value %q: Span of all of Text = [%d,%d), value [%d,%d)", v.Path, s, e, v.Start, v.End)
	}
}

// checkError checks that err is an *Error whose fields agree with each
// other and src.
func checkError(t testing.TB, src []byte, err error) {
	t.Helper()
	// The parsers turn a panic into this error so that a user's run goes
	// on; in a test (and under the fuzzer) it is a bug.
	if e := errorOf(t, src, err); strings.HasPrefix(e.Msg, "parser failed:") {
		t.Fatalf("a parser panicked on input %q: %s", src, e.Msg)
	}
}

// errorOf returns err as an *Error after checking it as checkError does.
func errorOf(t testing.TB, src []byte, err error) *Error {
	t.Helper()
	e, ok := err.(*Error)
	if !ok {
		t.Fatalf("error %v (%T) is not an *Error", err, err)
	}
	if e.Offset < 0 || e.Offset > len(src) || e.Line < 1 || e.Col < 1 || e.Msg == "" {
		t.Fatalf("bad error %+v for input of %d bytes", e, len(src))
	}
	if line, col := newLineIndex(src).position(e.Offset); line != e.Line || col != e.Col {
		t.Fatalf("error %+v: offset is at %d:%d", e, line, col)
	}
	return e
}

// errorCase is an input a Parse function must reject at a position.
type errorCase struct {
	name      string
	src       string
	line, col int
	offset    int
	msg       string // a substring of Msg
}

func checkErrorCase(t *testing.T, c errorCase, vals []Value, err error) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; values %v", vals)
	}
	if vals != nil {
		t.Errorf("values %v returned with an error", vals)
	}
	e := errorOf(t, []byte(c.src), err)
	if e.Line != c.line || e.Col != c.col || e.Offset != c.offset || !strings.Contains(e.Msg, c.msg) {
		t.Errorf("error %d:%d (offset %d) %q, want %d:%d (offset %d) containing %q",
			e.Line, e.Col, e.Offset, e.Msg, c.line, c.col, c.offset, c.msg)
	}
	if want := fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg); e.Error() != want {
		t.Errorf("Error() = %q, want %q", e.Error(), want)
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{String: "string", Number: "number", Bool: "bool", Null: "null", 0: "Kind(0)"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
}

// TestRecoverParse checks that a panic in a parser becomes an *Error and
// that no values escape with it.
func TestRecoverParse(t *testing.T) {
	src := []byte("a\nb")
	parse := func(p any) (vals []Value, err error) {
		defer recoverParse(src, &vals, &err)
		vals = []Value{{}}
		panic(p)
	}
	vals, err := parse("boom")
	if vals != nil || err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("panic: got %v, %v", vals, err)
	}
	_ = errorOf(t, src, err)
	vals, err = parse(abort{&Error{Offset: 2, Line: 2, Col: 1, Msg: "stop"}})
	if vals != nil || err == nil || err.Error() != "2:1: stop" {
		t.Errorf("abort: got %v, %v", vals, err)
	}
}

func TestLineIndexBOM(t *testing.T) {
	src := []byte(bom + "ab\ncé d")
	li := newLineIndex(src)
	for _, c := range []struct{ off, line, col int }{
		{0, 1, 1}, {3, 1, 1}, {4, 1, 2}, {6, 2, 1}, {8, 2, 3}, {9, 2, 3}, {len(src), 2, 5},
	} {
		if line, col := li.position(c.off); line != c.line || col != c.col {
			t.Errorf("position(%d) = %d:%d, want %d:%d", c.off, line, col, c.line, c.col)
		}
	}
}
