package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

func (e *engine) finish(f *File, s *sink) []Finding {
	cfg, cat := e.opts.Config, e.opts.Catalogue
	ignores := parseIgnores(f, s.comments)
	secrets := sortSpans(s.secrets)
	slices.SortStableFunc(s.findings, func(a, b rawFinding) int { return a.start - b.start })
	var out []Finding
	emit := func(rf rawFinding) {
		if cfg.Disabled[rf.rule] {
			return
		}
		r := cat.Lookup(rf.rule)
		sev := rf.sev
		if sev == 0 && r != nil {
			sev = r.Severity
		}
		if o, ok := cfg.Severity[rf.rule]; ok {
			sev = o
		}
		fd := Finding{Rule: rf.rule, Severity: sev, Path: f.Path, Message: rf.msg}
		fd.Line, fd.Col = f.Lines.Position(rf.start)
		if rf.end > rf.start {
			fd.EndLine, fd.EndCol = f.Lines.Position(rf.end)
		}
		// A minified or generated line is not echoed: thousands of findings
		// on one long line would each carry a copy of it.
		if f.Lines.LineLen(fd.Line) <= MaxSourceLine+1 {
			line, ls := f.Lines.Line(fd.Line)
			fd.Source = redactLine(line, ls, secrets)
		}
		out = append(out, fd)
	}
	for _, rf := range s.findings {
		line, _ := f.Lines.Position(rf.start)
		if rf.rule != ParseErrorID && suppressed(ignores, rf.rule, line) {
			continue
		}
		emit(rf)
	}
	for _, d := range ignores {
		for _, r := range d.rules {
			switch {
			case cat.Lookup(r) == nil:
				emit(rawFinding{rule: UnusedIgnoreID, start: d.off, end: -1,
					msg: fmt.Sprintf("%s names unknown rule %q", d.name(), r)})
			case !d.used[r] && !cfg.Disabled[r] && !d.nolint: // unused nolint: nolintlint's job
				emit(rawFinding{rule: UnusedIgnoreID, start: d.off, end: -1,
					msg: fmt.Sprintf("grantguard:ignore %s matches no finding on this line or the next", r)})
			}
		}
		if len(d.rules) == 0 && !d.all {
			emit(rawFinding{rule: UnusedIgnoreID, start: d.off, end: -1,
				msg: "grantguard:ignore names no rule; write grantguard:ignore RULE reason"})
		}
	}
	SortFindings(out)
	fingerprint(out)
	return out
}

// fingerprint sets Finding.Fingerprint: a hash of rule, path and the
// offending line with whitespace normalized, so the value survives line
// shifts and reindentation, then ":n" for the n-th such finding.
func fingerprint(fs []Finding) {
	seen := map[string]int{}
	for i := range fs {
		f := &fs[i]
		h := sha256.Sum256([]byte(f.Rule + "\x00" + f.Path + "\x00" + strings.Join(strings.Fields(f.Source), " ")))
		key := hex.EncodeToString(h[:8])
		seen[key]++
		f.Fingerprint = fmt.Sprintf("%s:%d", key, seen[key])
	}
}
