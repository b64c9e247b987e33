package lint

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Redact returns a form of secret that is safe to print: the first two
// characters of a long secret followed by "***", or just "***" for a short
// one, where two characters would give away too much.
func Redact(secret string) string {
	if utf8.RuneCountInString(secret) < 8 {
		return "***"
	}
	_, a := utf8.DecodeRuneInString(secret)
	_, b := utf8.DecodeRuneInString(secret[a:])
	return secret[:a+b] + "***"
}

// Span is a half-open byte range [Start, End) of a file.
type Span struct{ Start, End int }

// sortSpans sorts spans by start, in place, and returns them.
func sortSpans(spans []Span) []Span {
	slices.SortFunc(spans, func(x, y Span) int { return x.Start - y.Start })
	return spans
}

// redactLine masks every secret span that overlaps the line starting at byte
// offset lineStart of the file. Spans are file offsets, sorted by start.
func redactLine(line string, lineStart int, secrets []Span) string {
	var hits []Span
	lineEnd := lineStart + len(line)
	for _, s := range secrets {
		if s.Start >= lineEnd {
			break
		}
		a, b := max(s.Start, lineStart), min(s.End, lineEnd)
		if a < b {
			hits = append(hits, Span{a - lineStart, b - lineStart})
		}
	}
	if len(hits) == 0 {
		return line
	}
	slices.SortFunc(hits, func(x, y Span) int { return x.Start - y.Start })
	var b strings.Builder
	pos := 0
	for _, h := range hits {
		if h.Start < pos { // overlapping spans: extend the previous mask
			if h.End > pos {
				pos = h.End
			}
			continue
		}
		b.WriteString(line[pos:h.Start])
		b.WriteString(Redact(line[h.Start:h.End]))
		pos = h.End
	}
	b.WriteString(line[pos:])
	return b.String()
}
