package lsp

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/grantguard/grantguard/lint"
)

// splitLines returns src's lines without their terminators ("\n", or
// "\r\n" whose "\r" stays: it is a character of the line for neither side).
func splitLines(src []byte) [][]byte {
	return bytes.Split(src, []byte("\n"))
}

// findingRange converts a finding's 1-based line and code-point columns
// into an LSP range: 0-based lines, UTF-16 code units. A finding whose end
// is unknown runs to the end of its line (without trailing blanks), at
// least one character.
func findingRange(lines [][]byte, f lint.Finding) lspRange {
	start := toPosition(lines, f.Line, f.Col)
	if f.EndLine > 0 {
		end := toPosition(lines, f.EndLine, f.EndCol)
		if end.Line > start.Line || end.Line == start.Line && end.Character > start.Character {
			return lspRange{start, end}
		}
	}
	end := start
	if start.Line < len(lines) {
		line := lines[start.Line]
		end.Character = max(start.Character, utf16Len(bytes.TrimRight(line, " \t\r")))
		if rest := line[byteOffset(line, start.Character):]; end.Character == start.Character && len(rest) > 0 {
			r, _ := utf8.DecodeRune(rest)
			end.Character += utf16.RuneLen(r)
		}
	}
	return lspRange{start, end}
}

// toPosition converts a 1-based line and 1-based code-point column (as
// lint.LineIndex counts them: a byte-order mark at the start of the file is
// not a column) into an LSP position.
func toPosition(lines [][]byte, line, col int) position {
	if line < 1 {
		return position{}
	}
	if line > len(lines) {
		last := len(lines) - 1
		return position{Line: last, Character: utf16Len(lines[last])}
	}
	text := lines[line-1]
	units := 0
	if line == 1 && bytes.HasPrefix(text, []byte("\uFEFF")) {
		text = text[3:]
		units = 1
	}
	for n := 1; n < col && len(text) > 0; n++ {
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		units += utf16.RuneLen(r)
	}
	return position{Line: line - 1, Character: units}
}

// utf16Len is the length of b in UTF-16 code units.
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		n += utf16.RuneLen(r)
	}
	return n
}

// byteOffset is the byte offset in line of UTF-16 unit offset units,
// clamped to the line; an offset inside a surrogate pair is the start of
// its character.
func byteOffset(line []byte, units int) int {
	off, n := 0, 0
	for off < len(line) {
		r, size := utf8.DecodeRune(line[off:])
		w := utf16.RuneLen(r)
		if n+w > units {
			break
		}
		n += w
		off += size
	}
	return off
}

// applyChange applies a ranged change to text.
func applyChange(text string, r lspRange, insert string) string {
	src := []byte(text)
	start, end := offsetOf(src, r.Start), offsetOf(src, r.End)
	if end < start {
		start, end = end, start
	}
	return text[:start] + insert + text[end:]
}

// offsetOf is the byte offset of an LSP position in src, clamped.
func offsetOf(src []byte, p position) int {
	off := 0
	for line := 0; line < p.Line; line++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	if p.Line < 0 || p.Character < 0 {
		return off
	}
	end := bytes.IndexByte(src[off:], '\n')
	if end < 0 {
		end = len(src) - off
	}
	return off + byteOffset(src[off:off+end], p.Character)
}
