package lint

import (
	"cmp"
	"slices"
	"strings"
)

// Finding is one problem found in one file, for every file kind.
type Finding struct {
	Rule     string   // rule ID
	Severity Severity // effective severity (config overrides applied)
	Path     string   // slash-separated, relative to the working directory
	Line     int      // 1-based
	Col      int      // 1-based, in characters; 0 when unknown
	EndLine  int      // 0 when unknown
	EndCol   int      // exclusive end column; 0 when unknown
	Message  string   // never holds a secret in clear
	// Source is the offending source line with every known secret on it
	// redacted, without its line terminator. Empty when there is none.
	Source string
	// Fingerprint identifies the finding across unrelated edits and line
	// shifts: a hash of rule, path and the normalized offending line, plus
	// an occurrence counter. Set by the engine.
	Fingerprint string
}

// Compare orders findings by path, line, column, rule, then message.
// Paths are ordered component by component (see ComparePaths), the order
// in which a directory walk meets them.
func Compare(a, b Finding) int {
	return cmp.Or(
		ComparePaths(a.Path, b.Path),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
	)
}

// SortFindings sorts findings into the stable output order.
func SortFindings(fs []Finding) { slices.SortStableFunc(fs, Compare) }

// ComparePaths orders slash-separated paths component by component: a
// directory's files come where the directory's name sorts among its
// siblings ("a/x.sql" before "a.sql", because "a" < "a.sql"), which is the
// order filepath.WalkDir visits them in, so a walked tree is already in
// report order.
func ComparePaths(a, b string) int {
	for {
		ia, ib := strings.IndexByte(a, '/'), strings.IndexByte(b, '/')
		ca, cb := a, b
		if ia >= 0 {
			ca = a[:ia]
		}
		if ib >= 0 {
			cb = b[:ib]
		}
		if c := cmp.Compare(ca, cb); c != 0 {
			return c
		}
		switch {
		case ia < 0 && ib < 0:
			return 0
		case ia < 0:
			return -1 // a file before the entries under a directory of the same name
		case ib < 0:
			return 1
		}
		a, b = a[ia+1:], b[ib+1:]
	}
}
