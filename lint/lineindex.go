package lint

import (
	"sort"
	"unicode/utf8"
)

// LineIndex converts byte offsets of one file into 1-based line and column
// numbers. Columns count characters (Unicode code points), which is what
// editors show and what SARIF's "unicodeCodePoints" column kind means.
type LineIndex struct {
	src   []byte
	start []int // byte offset of each line's first byte
	// The last answer of Position, so that positions asked in increasing
	// order on one long line count its characters once, not once each.
	lastOff, lastLine, lastCol int
}

// NewLineIndex indexes src.
func NewLineIndex(src []byte) *LineIndex {
	li := &LineIndex{src: src, start: []int{0}}
	for i, c := range src {
		if c == '\n' {
			li.start = append(li.start, i+1)
		}
	}
	return li
}

// Lines returns the number of lines.
func (li *LineIndex) Lines() int { return len(li.start) }

// Position returns the line and column of byte offset off. Offsets past the
// end clamp to the end of the file.
func (li *LineIndex) Position(off int) (line, col int) {
	off = max(0, min(off, len(li.src)))
	i := sort.Search(len(li.start), func(i int) bool { return li.start[i] > off }) - 1
	ls := li.start[i]
	if i == 0 && len(li.src) >= 3 && string(li.src[:3]) == "\uFEFF" {
		ls = min(3, off) // a byte-order mark is not a column
	}
	col = 1
	if li.lastLine == i+1 && li.lastOff >= ls && li.lastOff <= off {
		ls, col = li.lastOff, li.lastCol
	}
	col += utf8.RuneCount(li.src[ls:off])
	li.lastOff, li.lastLine, li.lastCol = off, i+1, col
	return i + 1, col
}

// LineLen returns the length in bytes of a 1-based line, without its
// terminator.
func (li *LineIndex) LineLen(line int) int {
	if line < 1 || line > len(li.start) {
		return 0
	}
	end := len(li.src)
	if line < len(li.start) {
		end = li.start[line] - 1
	}
	return end - li.start[line-1]
}

// LineStart returns the byte offset of the first byte of a 1-based line.
func (li *LineIndex) LineStart(line int) int {
	if line < 1 {
		return 0
	}
	if line > len(li.start) {
		return len(li.src)
	}
	return li.start[line-1]
}

// Line returns the text of a 1-based line without its terminator ("\n" or
// "\r\n") and the byte offset where it starts.
func (li *LineIndex) Line(line int) (text string, start int) {
	if line < 1 || line > len(li.start) {
		return "", len(li.src)
	}
	start = li.start[line-1]
	end := len(li.src)
	if line < len(li.start) {
		end = li.start[line] - 1
	}
	if end > start && li.src[end-1] == '\r' {
		end--
	}
	return string(li.src[start:end]), start
}
