package cfgvalue

import (
	"sort"
	"unicode/utf8"
)

// bom is the UTF-8 byte-order mark.
const bom = "\uFEFF"

// lineIndex maps byte offsets to 1-based lines and columns, with "\n" as
// the line break. Columns count code points, as lint.LineIndex does, so
// that an Error's column means the same as a finding's.
type lineIndex struct {
	src   []byte
	start []int // byte offset of each line's first byte
}

func newLineIndex(src []byte) *lineIndex {
	li := &lineIndex{src: src, start: []int{0}}
	for i, c := range src {
		if c == '\n' {
			li.start = append(li.start, i+1)
		}
	}
	return li
}

// line returns the 1-based line of byte offset off.
func (li *lineIndex) line(off int) int {
	return sort.Search(len(li.start), func(i int) bool { return li.start[i] > off })
}

// position returns the 1-based line and column of byte offset off.
func (li *lineIndex) position(off int) (line, col int) {
	line = li.line(off)
	ls := li.start[line-1]
	if line == 1 && len(li.src) >= len(bom) && string(li.src[:len(bom)]) == bom {
		ls = min(len(bom), off)
	}
	return line, 1 + utf8.RuneCount(li.src[ls:off])
}
