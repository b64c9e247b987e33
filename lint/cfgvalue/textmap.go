package cfgvalue

import "sort"

// textMap records where the bytes of a decoded scalar come from when its
// Text is not its source byte for byte (escapes, quotes written twice,
// folded line breaks): runs of Text in order, each either copied from the
// source or decoded from a source range as a whole. It is for strings
// what the escape map of a SQL literal is: an offset into the value maps
// back to the file.
type textMap []textRun

// textRun is n bytes of Text from offset text, which come from the srcN
// source bytes at src: byte for byte when copied, else all of them from
// all of that range (an escape sequence, a folded line break).
type textRun struct {
	text, n   int
	src, srcN int
	copied    bool
}

// copy records that the next n bytes of Text, from text on, are the source
// bytes at src.
func (m *textMap) copy(text, src, n int) {
	if n <= 0 {
		return
	}
	if k := len(*m) - 1; k >= 0 {
		if last := &(*m)[k]; last.copied && last.text+last.n == text && last.src+last.srcN == src {
			last.n += n
			last.srcN += n
			return
		}
	}
	*m = append(*m, textRun{text: text, n: n, src: src, srcN: n, copied: true})
}

// decoded records that the next n bytes of Text, from text on, are what
// the srcN source bytes at src decode to.
func (m *textMap) decoded(text, n, src, srcN int) {
	if n <= 0 {
		return
	}
	*m = append(*m, textRun{text: text, n: n, src: src, srcN: srcN})
}

// fits reports whether m describes a text of length n inside [start, end)
// of the source, runs in order and without gaps in the text: a walker that
// traced less than it decoded leaves a map that must not be used.
func (m textMap) fits(n, start, end int) bool {
	t, s := 0, start
	for _, r := range m {
		if r.text != t || r.n <= 0 || r.src < s || r.srcN < 0 || r.src+r.srcN > end {
			return false
		}
		t, s = r.text+r.n, r.src+r.srcN
	}
	return t == n
}

// run returns the run holding Text offset i (0 <= i < the text's length).
func (m textMap) run(i int) textRun {
	k := sort.Search(len(m), func(k int) bool { return m[k].text+m[k].n > i })
	return m[k]
}

// start returns the source offset where Text[i] starts.
func (m textMap) start(i int) int {
	r := m.run(i)
	if r.copied {
		return r.src + i - r.text
	}
	return r.src
}

// end returns the source offset where Text[i-1] ends.
func (m textMap) end(i int) int {
	r := m.run(i - 1)
	if r.copied {
		return r.src + i - r.text
	}
	return r.src + r.srcN
}

// Span returns the source byte range [start, end) that Text[a:b] is
// written in, with a and b clamped into Text. For an Exact value that is
// [Start+a, Start+b). For a string whose decoding was traced — JSON
// strings, YAML flow scalars (plain, single- and double-quoted, over
// several lines too), TOML basic and literal strings, quoted env values —
// it is the exact bytes, escape sequences of the first and last byte
// included: the sslmode in "host=db\u0026sslmode=disable" is found at the
// "disable" of the file. Otherwise (YAML block scalars, HCL strings) it is
// all of [Start, End), so that a caller that points at or redacts part of
// a value never misses a byte of it.
func (v *Value) Span(a, b int) (start, end int) {
	a = max(0, min(a, len(v.Text)))
	b = max(a, min(b, len(v.Text)))
	switch {
	case v.Exact:
		return v.Start + a, v.Start + b
	case v.textMap == nil:
		return v.Start, v.End
	case a == len(v.Text):
		return v.End, v.End
	}
	start = v.textMap.start(a)
	if a == b {
		return start, start
	}
	return start, v.textMap.end(b)
}
