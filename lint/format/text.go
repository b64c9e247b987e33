package format

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/grantguard/grantguard/lint"
)

// Text writes one finding per line, compiler style, followed by the
// offending source line and a caret under the column:
//
//	db/001_init.sql:3:1: error grant-all: GRANT ALL on table orders
//	    GRANT ALL ON TABLE orders TO app;
//	    ^
//
// After the last finding comes a blank line and a summary such as
// "3 findings (1 error, 2 warnings)". With no findings Text writes nothing,
// as go vet and golangci-lint do, so a clean pre-commit run stays silent.
//
// Text is for terminals: line breaks in a message become spaces, and
// control and bidi-override characters in messages and source lines are
// shown as U+FFFD so a linted file cannot drive the terminal.
func Text(w io.Writer, cat lint.Catalogue, findings []lint.Finding, info Info) error {
	s, _ := NewStream("text", w, cat, info)
	return writeAll(s, findings)
}

func writeTextFinding(w *bufio.Writer, f lint.Finding) {
	fmt.Fprintf(w, "%s: %s %s: %s\n", textMessage(f.Location()), level(f.Severity), f.Rule, textMessage(f.Message))

	if f.Source == "" {
		return
	}
	src := textSource(f.Source)
	fmt.Fprintf(w, "    %s\n", src)
	if f.Line > 0 && f.Col > 0 {
		fmt.Fprintf(w, "    %s^\n", caretIndent(src, f.Col))
	}
}

// caretIndent is the whitespace that puts a caret under column col
// (1-based, in characters) of src: one space per character before it, with
// tabs copied as tabs so the caret lines up however wide the terminal's
// tabs are. A column past the end of the line puts the caret just after it.
func caretIndent(src string, col int) string {
	var b strings.Builder
	n := 0
	for _, r := range src {
		if n >= col-1 {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		n++
	}
	return b.String()
}

var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// textMessage keeps a message on its one line and makes it terminal-safe.
func textMessage(s string) string {
	return strings.Map(safeRune, lineBreaks.Replace(s))
}

// textSource makes a source line terminal-safe without changing its
// length in characters, so the caret column stays right.
func textSource(s string) string {
	return strings.Map(safeRune, strings.TrimSuffix(s, "\r"))
}

func safeRune(r rune) rune {
	if isUnsafeRune(r) {
		return '\uFFFD'
	}
	return r
}

// summary names the count of findings by severity, most serious first,
// naming only the severities that occur: "3 findings (1 error, 2 warnings)".
func (c *severityCounts) summary() string {
	var parts []string
	for _, s := range []lint.Severity{lint.Error, lint.Warning, lint.Note} {
		if n := c.by[s.String()]; n > 0 {
			parts = append(parts, plural(n, s.String()))
		}
	}
	return fmt.Sprintf("%s (%s)", plural(c.total, "finding"), strings.Join(parts, ", "))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
