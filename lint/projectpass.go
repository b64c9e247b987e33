package lint

import (
	"bytes"
	"os"
	"sort"
	"unicode/utf8"
)

// ProjectPass is handed to a rule's Project check once per run, with every
// SQL file of the run: checks that need the whole migration history (the
// role policy) report through it.
type ProjectPass struct {
	// Files are the run's readable SQL files, in discovery order.
	Files  []*File
	Config *Config
	rule   *Rule
	out    map[string][]rawFinding
}

// Report reports a finding at byte offset off of the file at path (a
// File.Path of this pass).
func (p *ProjectPass) Report(path string, off int, format string, args ...any) {
	r := Reporter{rule: p.rule, sink: &sink{}}
	r.ReportRange(off, -1, 0, format, args...)
	p.out[path] = append(p.out[path], r.sink.findings...)
}

// runProject runs the catalogue's Project checks over the SQL files of the
// run. What they report is merged into each file's findings by check, so it
// goes through suppression, severity and redaction like any other finding.
// Files that cannot be read are left out here; lintFile notes them.
func (e *engine) runProject(files []fileTask) map[string][]rawFinding {
	var rules []*Rule
	for _, r := range e.opts.Catalogue {
		if r.Project != nil && !e.opts.Config.Disabled[r.ID] {
			rules = append(rules, r)
		}
	}
	if len(rules) == 0 {
		return nil
	}
	var sqlFiles []*File
	for _, t := range files {
		if t.kind != KindSQL {
			continue
		}
		src, err := os.ReadFile(t.abs)
		if err != nil || len(src) > MaxFileSize || bytes.IndexByte(src[:min(len(src), 8000)], 0) >= 0 || !utf8.Valid(src) {
			continue
		}
		sqlFiles = append(sqlFiles, &File{Path: t.rel, Abs: t.abs, Kind: KindSQL, Src: src, Lines: NewLineIndex(src)})
	}
	sort.SliceStable(sqlFiles, func(i, j int) bool { return sqlFiles[i].Path < sqlFiles[j].Path })
	out := map[string][]rawFinding{}
	for _, r := range rules {
		r.Project(&ProjectPass{Files: sqlFiles, Config: e.opts.Config, rule: r, out: out})
	}
	return out
}
