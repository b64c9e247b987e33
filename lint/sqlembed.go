package lint

import "slices"

// TextFinding is a finding of a SQL rule in SQL text that is not a file of
// its own, such as a Go string constant passed to Exec: offsets index the
// text.
type TextFinding struct {
	Rule       string
	Severity   Severity // 0: the rule's default
	Start, End int      // End < 0: unknown
	Message    string
}

// CheckSQLText runs the SQL checks of cat over text, with the same front end
// as a .sql file (preprocess, parse, bodies). It returns the findings and
// the spans of text that hold secrets, for redaction. Parse errors are
// returned only when withParseErrors is set: embedded SQL is often written
// for a driver that rewrites it first.
func CheckSQLText(text string, cfg *Config, cat Catalogue, withParseErrors bool) ([]TextFinding, []Span) {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	f := &File{Path: "<sql>", Kind: KindSQL, Src: []byte(text)}
	f.Lines = NewLineIndex(f.Src)
	// SQL in Go code is checked as PostgreSQL: the code chose the driver.
	s := &sink{file: f, postgres: true}
	checkSQL(f, cfg, cat, s, true)
	var out []TextFinding
	for _, rf := range s.findings {
		if rf.rule == ParseErrorID && !withParseErrors {
			continue
		}
		out = append(out, TextFinding{Rule: rf.rule, Severity: rf.sev, Start: rf.start, End: rf.end, Message: rf.msg})
	}
	return out, slices.Compact(sortSpans(s.secrets)) // a rule and the unparsed-SQL pass may find the same one
}
