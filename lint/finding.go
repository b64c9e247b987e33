package lint

import (
	"cmp"
	"slices"
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
func Compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Path, b.Path),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
	)
}

// SortFindings sorts findings into the stable output order.
func SortFindings(fs []Finding) { slices.SortStableFunc(fs, Compare) }
