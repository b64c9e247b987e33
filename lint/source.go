package lint

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"
)

// Project lints single files held in memory, an editor's unsaved buffers,
// as Run lints them in a walk of Root: the same scope (excludes, test
// paths, other SQL dialects), the same checks, suppression, severities and
// redaction. The checks over the whole migration history (the Project
// checks and History) look at the SQL files as they are on disk when the
// Project is made: an editor makes a new one when a file is saved.
// A Project is safe for concurrent use.
type Project struct {
	opts Options
	base *engine
	// undoneOnce replays the history once, on the first file that needs it.
	undoneOnce sync.Once
	undone     map[string][]Undone
	// Notes are what the Project checks could not do (a panic in a check).
	Notes []Skip
}

// NewProject prepares single-file linting of the files under opts.Paths[0]
// (the project root, also the working directory when opts.WorkDir is
// empty). It runs the Project checks over the SQL files under the root;
// those files are read only when a check needs them.
func NewProject(opts Options) (*Project, error) {
	if opts.Config == nil {
		opts.Config = DefaultConfig()
	}
	if len(opts.Paths) == 0 {
		return nil, fmt.Errorf("no project root")
	}
	if opts.WorkDir == "" {
		opts.WorkDir = opts.Paths[0]
	}
	e := &engine{opts: opts, wd: opts.WorkDir}
	roots, _, err := e.roots()
	if err != nil {
		return nil, err
	}
	e.rootList = roots
	e.sqlFiles = sync.OnceValue(func() []*File {
		files, _ := e.collect(roots, func(k Kind) bool { return k == KindSQL })
		return readSQLFiles(files)
	})
	p := &Project{opts: opts, base: e}
	e.project, p.Notes = e.runProject(e.sqlFiles)
	return p, nil
}

// Check lints src, the contents of the file at abs (an absolute path under
// the project root), and returns its findings in report order. When the
// file is not linted (left out of the project's walk, binary, too large, not
// UTF-8, another SQL dialect) it returns no findings and why. Go files are
// not checked here: their analyzers need the package from disk.
//
// What the Project checks found in the file, and what History takes as
// undone, was found in the file as it was on disk; it is carried over to
// src where the text around it is unchanged.
func (p *Project) Check(abs string, src []byte) ([]Finding, string) {
	abs = filepath.Clean(abs)
	e := &engine{opts: p.opts, wd: p.base.wd, rootList: p.base.rootList, sqlFiles: p.base.sqlFiles}
	rel := e.rel(abs)
	kind := Classify(abs)
	if kind == KindUnknown {
		kind = KindText
	}
	if note := p.leftOut(e, abs, rel, kind); note != "" {
		return nil, note
	}
	if note := sourceNote(src); note != "" {
		return nil, note
	}
	f := &File{Path: rel, Abs: abs, Kind: kind, Src: src, Lines: NewLineIndex(src)}
	var saved []byte
	savedSrc := func() []byte {
		if saved == nil {
			saved = []byte{}
			for _, sf := range p.base.sqlFiles() {
				if sf.Abs == abs {
					saved = sf.Src
				}
			}
		}
		return saved
	}
	if rfs := p.base.project[rel]; len(rfs) > 0 {
		m := newShift(savedSrc(), src)
		var moved []rawFinding
		for _, rf := range rfs {
			if start, ok := m.offset(rf.start); ok {
				rf.start = start
				if rf.end >= 0 {
					if rf.end, ok = m.offset(rf.end); !ok {
						rf.end = -1
					}
				}
				moved = append(moved, rf)
			}
		}
		e.project = map[string][]rawFinding{rel: moved}
	}
	if h := p.opts.History; h != nil {
		e.opts.History = &History{Rules: h.Rules, Undone: func([]*File, *Config) []Undone {
			us := p.undoneIn(rel)
			if len(us) == 0 {
				return nil
			}
			m := newShift(savedSrc(), src)
			var moved []Undone
			for _, u := range us {
				start, ok1 := m.offset(u.Start)
				end, ok2 := m.offset(u.End)
				if ok1 && ok2 {
					u.Start, u.End = start, end
					moved = append(moved, u)
				}
			}
			return moved
		}}
	}
	return p.checkFile(e, f)
}

// checkFile runs engine.check with a panic turned into a note, as
// lintFile does.
func (p *Project) checkFile(e *engine, f *File) (fs []Finding, note string) {
	defer func() {
		if r := recover(); r != nil {
			fs, note = nil, fmt.Sprintf("skipped: internal error: %v", r)
		}
	}()
	if f.Kind == KindGo {
		return nil, "skipped: Go files are checked by go vet or golangci-lint"
	}
	fs, note, dialect := e.check(f)
	if dialect != "" {
		return nil, "left out: " + dialect + " SQL ([sql] postgres in the config lints it as PostgreSQL)"
	}
	return fs, note
}

// leftOut says why a directory walk of the project root would leave the
// file out, or "".
func (p *Project) leftOut(e *engine, abs, rel string, kind Kind) string {
	for _, r := range e.rootList {
		if !r.dir || !within(abs, r.abs) {
			continue
		}
		below := belowRoot(r.abs, abs)
		dirs := strings.Split(below, "/")
		for _, d := range dirs[:len(dirs)-1] {
			if skipDirs[d] || d == "testdata" {
				return "left out: in " + d + "/, which a walk skips"
			}
		}
		if e.excluded(abs) {
			return "left out: excluded by the config"
		}
		if !p.opts.Tests && e.inTestPath(r.abs, abs) {
			return "left out: a test or fixture path"
		}
	}
	if kind == KindSQL {
		if d := e.pathDialect(abs, rel); d != "" {
			return "left out: " + d + " SQL ([sql] postgres in the config lints it as PostgreSQL)"
		}
	}
	return ""
}

// undoneIn returns what the history replay takes as undone in the file at
// rel, replaying it on the first call.
func (p *Project) undoneIn(rel string) []Undone {
	p.undoneOnce.Do(func() {
		p.base.opts.History = p.opts.History
		p.undone = p.base.undone()
	})
	return p.undone[rel]
}

// HistoryNote is why the history replay failed, or "".
func (p *Project) HistoryNote() string { return p.base.historyNote }

// sourceNote says why src is not linted (as lintFile does for a file on
// disk), or "".
func sourceNote(src []byte) string {
	if len(src) > MaxFileSize {
		return fmt.Sprintf("skipped: file is %d bytes, over the %d-byte limit", len(src), MaxFileSize)
	}
	if bytes.IndexByte(src[:min(len(src), 8000)], 0) >= 0 {
		return "skipped: binary file"
	}
	if !utf8.Valid(src) {
		return "skipped: not valid UTF-8"
	}
	return ""
}

// shift maps byte offsets of an old text to a new one that differs from it
// in one region: the longest common prefix and suffix stay, offsets in
// them move; offsets in the changed middle have no counterpart.
type shift struct {
	prefix, oldEnd, delta int
}

func newShift(old, cur []byte) shift {
	n := min(len(old), len(cur))
	pre := 0
	for pre < n && old[pre] == cur[pre] {
		pre++
	}
	suf := 0
	for suf < n-pre && old[len(old)-1-suf] == cur[len(cur)-1-suf] {
		suf++
	}
	return shift{prefix: pre, oldEnd: len(old) - suf, delta: len(cur) - len(old)}
}

// offset maps old offset off; ok is false inside the changed region.
func (s shift) offset(off int) (int, bool) {
	switch {
	case off <= s.prefix && off <= s.oldEnd:
		return off, true
	case off >= s.oldEnd:
		return off + s.delta, true
	}
	return 0, false
}

// ConfigFor returns the path of the .grantguard.toml that applies to the
// file at abs: the nearest one in its directory or above, "" when there is
// none.
func ConfigFor(abs string) string {
	dir := filepath.Dir(abs)
	for {
		p := filepath.Join(dir, ".grantguard.toml")
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}
