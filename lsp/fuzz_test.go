package lsp

import (
	"bytes"
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/grantguard/grantguard/lint"
)

// FuzzReader: any byte stream is read to its end without a panic, each
// read consuming input, and a well-formed message after garbage that ends
// in a blank line still arrives.
func FuzzReader(f *testing.F) {
	f.Add([]byte("Content-Length: 2\r\n\r\n{}"))
	f.Add([]byte("Content-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"}"))
	f.Add([]byte("Content-Length: -1\r\n\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Add([]byte("\r\n\r\ncontent-length:3\n\n[1]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := newReader(bytes.NewReader(data))
		for range len(data) + 2 {
			_, err := r.read()
			var bad *badMessage
			if err != nil && !errors.Is(err, errTooLarge) && !errors.As(err, &bad) {
				return // the end of the stream
			}
		}
		t.Fatalf("reading %q did not end", data)
	})
}

// FuzzPositions: LSP positions and byte offsets convert both ways on any
// text: every offset at a character boundary comes back from its position,
// and any position, however far out, maps into the text.
func FuzzPositions(f *testing.F) {
	f.Add("a\n𝄞é b\r\n\uFEFF", 1, 3)
	f.Add("", 0, 0)
	f.Fuzz(func(t *testing.T, text string, line, char int) {
		if !utf8.ValidString(text) {
			return
		}
		src := []byte(text)
		if off := offsetOf(src, position{line, char}); off < 0 || off > len(src) {
			t.Fatalf("offsetOf(%d, %d) = %d, outside [0, %d]", line, char, off, len(src))
		}
		lines := splitLines(src)
		l, start := 0, 0
		for off := 0; off <= len(src); {
			if off > start && src[off-1] == '\n' {
				l, start = l+1, off
			}
			p := position{l, utf16Len(src[start:off])}
			if got := offsetOf(src, p); got != off {
				t.Fatalf("offset %d: position %+v maps back to %d", off, p, got)
			}
			if off == len(src) {
				break
			}
			_, size := utf8.DecodeRune(src[off:])
			off += size
		}
		// A finding's line and column, however wrong, give a range in
		// the text.
		r := findingRange(lines, lint.Finding{Line: line, Col: char, EndLine: char, EndCol: line})
		if r.Start.Line < 0 || r.Start.Line >= len(lines) || r.End.Line < r.Start.Line || r.End.Line >= len(lines) ||
			r.End.Line == r.Start.Line && r.End.Character < r.Start.Character {
			t.Fatalf("finding at %d:%d: range %+v in %d lines", line, char, r, len(lines))
		}
		_ = applyChange(text, lspRange{position{line, char}, position{0, 0}}, "x")
	})
}
