package lint

import (
	"context"

	"github.com/grantguard/grantguard/lint/gofront"
)

// Go files are not read one by one like the other kinds: while the workers
// lint the other kinds, runGo has package gofront analyze the packages that
// hold them and keeps each file's diagnostics. The workers then read each
// Go file as usual and check hands the kept diagnostics to finish as raw
// findings, so Go findings get the same suppression, config overrides,
// redaction and fingerprints as every other kind.

// hardcodedPasswordID is the rule whose diagnostics cover a secret.
const hardcodedPasswordID = "hardcoded-password"

// runGo analyzes the Go files among files and returns notes for the run.
func (e *engine) runGo(ctx context.Context, files []fileTask) []Skip {
	if len(e.opts.Analyzers) == 0 {
		return nil
	}
	var paths []string
	for _, t := range files {
		if t.kind == KindGo {
			paths = append(paths, t.abs)
		}
	}
	if len(paths) == 0 {
		return nil
	}
	cache, salt := e.goCache()
	found, notes := gofront.Analyze(ctx, paths, gofront.Options{
		Analyzers: e.opts.Analyzers, Tests: e.opts.Tests, Sequential: e.opts.Jobs == 1, MaxFileSize: MaxFileSize,
		Cache: cache, CacheSalt: salt,
	})
	e.gofiles = found
	skips := make([]Skip, 0, len(notes))
	for _, n := range notes {
		skips = append(skips, Skip{e.rel(n.Dir), n.Msg})
	}
	return skips
}

// goSkip returns why a Go file is not linted, or "".
func (e *engine) goSkip(t fileTask) string {
	if g := e.gofiles[t.abs]; g != nil {
		return g.Skip
	}
	return ""
}

// checkGo hands the analyzers' findings for f to the sink.
func (e *engine) checkGo(f *File, s *sink) {
	g := e.gofiles[f.Abs]
	if g == nil {
		return
	}
	for _, d := range g.Diagnostics {
		var sev Severity
		if d.Severity != "" {
			sev, _ = ParseSeverity(d.Severity)
		}
		s.findings = append(s.findings, rawFinding{rule: d.Rule, sev: sev, start: d.Start, end: d.End, msg: d.Message})
		if d.Rule == hardcodedPasswordID && d.End > d.Start {
			s.secrets = append(s.secrets, Span{d.Start, d.End})
		}
	}
	s.comments = []Span{}
	for _, c := range g.Comments {
		s.comments = append(s.comments, Span{c.Start, c.End})
	}
	if r := e.opts.Catalogue.Lookup(ParseErrorID); r != nil {
		for _, pe := range g.SyntaxErrors {
			off := min(len(f.Src), f.Lines.LineStart(pe.Line)+max(0, pe.Col-1))
			s.findings = append(s.findings, rawFinding{rule: r.ID, start: off, end: -1, msg: "Go syntax error: " + pe.Msg})
		}
	}
}
