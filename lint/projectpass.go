package lint

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"unicode/utf8"
)

// ProjectPass is handed to a rule's Project check once per run, with every
// SQL file of the run: checks that need the whole migration history (the
// role policy) report through it.
type ProjectPass struct {
	Config *Config
	rule   *Rule
	out    map[string][]rawFinding
	files  func() []*File
	shared map[any]any
}

// Shared returns what compute gives for key, computed once per run: the
// checks of several rules that share one analysis of the history call it
// with the same key.
func (p *ProjectPass) Shared(key any, compute func() any) any {
	if v, ok := p.shared[key]; ok {
		return v
	}
	v := compute()
	p.shared[key] = v
	return v
}

// Files returns the run's readable SQL files, sorted by path. They are read
// on the first call, so a check with nothing to do (no [roles]) costs
// nothing.
func (p *ProjectPass) Files() []*File { return p.files() }

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
//
// A panic in a check does not end the run: it becomes a note naming the
// rule, and what the other checks found is kept.
func (e *engine) runProject(load func() []*File) (map[string][]rawFinding, []Skip) {
	var rules []*Rule
	for _, r := range e.opts.Catalogue {
		if r.Project != nil && !e.opts.Config.Disabled[r.ID] {
			rules = append(rules, r)
		}
	}
	if len(rules) == 0 {
		return nil, nil
	}
	out := map[string][]rawFinding{}
	shared := map[any]any{}
	var notes []Skip
	for _, r := range rules {
		func() {
			mine := map[string][]rawFinding{}
			defer func() {
				if p := recover(); p != nil {
					notes = append(notes, Skip{r.ID, fmt.Sprintf("skipped: internal error: %v", p)})
					return
				}
				for path, fs := range mine {
					out[path] = append(out[path], fs...)
				}
			}()
			r.Project(&ProjectPass{Config: e.opts.Config, rule: r, out: mine, files: load, shared: shared})
		}()
	}
	return out, notes
}

// SQLFiles returns the readable SQL files under opts.Paths, found as Run
// finds them (skipped directories, config excludes), sorted by path: the
// input of a whole-history view such as `grantguard access-report`.
func SQLFiles(opts Options) ([]*File, error) {
	if opts.Config == nil {
		opts.Config = DefaultConfig()
	}
	if len(opts.Paths) == 0 {
		opts.Paths = []string{"."}
	}
	if opts.WorkDir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		opts.WorkDir = wd
	}
	e := &engine{opts: opts, wd: opts.WorkDir}
	roots, _, err := e.roots()
	if err != nil {
		return nil, err
	}
	files, _ := e.collect(roots, func(k Kind) bool { return k == KindSQL })
	return readSQLFiles(files), nil
}

func readSQLFiles(files []fileTask) []*File {
	var sqlFiles []*File
	for _, t := range files {
		if t.kind != KindSQL {
			continue
		}
		// Only regular files: a FIFO named on the command line would block
		// the read (lintFile reports it).
		if fi, err := os.Stat(t.abs); err != nil || !fi.Mode().IsRegular() || fi.Size() > MaxFileSize {
			continue
		}
		src, err := os.ReadFile(t.abs)
		if err != nil || len(src) > MaxFileSize || bytes.IndexByte(src[:min(len(src), 8000)], 0) >= 0 || !utf8.Valid(src) {
			continue
		}
		sqlFiles = append(sqlFiles, &File{Path: t.rel, Abs: t.abs, Kind: KindSQL, Src: src, Lines: NewLineIndex(src)})
	}
	sort.SliceStable(sqlFiles, func(i, j int) bool { return sqlFiles[i].Path < sqlFiles[j].Path })
	return sqlFiles
}
