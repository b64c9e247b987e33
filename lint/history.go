package lint

import (
	"fmt"
	"slices"
)

// History is how a run learns which problems of a migration history a
// later migration undoes: a SUPERUSER later taken away, a GRANT ALL later
// revoked, a SECURITY DEFINER function later given a search_path. Findings
// of those statements are not reported (unless Config.HistoryEvery), so a
// repository is judged by what its migrations leave in place.
type History struct {
	// Rules are the rules whose findings a later migration can undo. The
	// history is replayed only for a run with a finding of one of them.
	Rules []string
	// Undone replays files, the run's SQL files sorted by path, and returns
	// the statements whose problem a later statement undoes.
	Undone func(files []*File, cfg *Config) []Undone
}

// Undone is a statement whose problem for Rule a later statement of the
// migration history undoes.
type Undone struct {
	Path       string // a File.Path
	Start, End int    // the statement's bytes in the file
	Rule       string
}

// undone returns the undone statements of the run by path, replaying the
// history once, on the first call. A panic in the replay is a note, and
// then nothing is taken as undone.
func (e *engine) undone() map[string][]Undone {
	e.historyOnce.Do(func() {
		defer func() {
			if r := recover(); r != nil {
				e.history = nil
				e.historyNote = fmt.Sprintf("skipped: internal error replaying the migration history (every statement is reported): %v", r)
			}
		}()
		byPath := map[string][]Undone{}
		// Test and fixture files (linted with --tests) are no part of the
		// history: a test that drops a table or creates a role again does
		// not undo what a migration did.
		files := slices.DeleteFunc(slices.Clone(e.sqlFiles()), func(f *File) bool { return e.testFile(f.Abs) })
		for _, u := range e.opts.History.Undone(files, e.opts.Config) {
			byPath[u.Path] = append(byPath[u.Path], u)
		}
		e.history = byPath
	})
	return e.history
}

// dropUndone removes from fs the findings of f whose problem a later
// migration undoes.
func (e *engine) dropUndone(f *File, fs []rawFinding) []rawFinding {
	h := e.opts.History
	if h == nil || e.opts.Config.HistoryEvery || f.Kind != KindSQL {
		return fs
	}
	if !slices.ContainsFunc(fs, func(rf rawFinding) bool { return slices.Contains(h.Rules, rf.rule) }) {
		return fs
	}
	us := e.undone()[f.Path]
	if len(us) == 0 {
		return fs
	}
	return slices.DeleteFunc(fs, func(rf rawFinding) bool {
		for _, u := range us {
			if u.Rule == rf.rule && rf.start >= u.Start && rf.start < u.End {
				return true
			}
		}
		return false
	})
}

// testFile reports whether abs is in a test or fixture path below one of
// the run's directory roots.
func (e *engine) testFile(abs string) bool {
	if !e.opts.Tests {
		return false // not walked at all
	}
	for _, r := range e.rootList {
		if r.dir && within(abs, r.abs) && e.inTestPath(r.abs, abs) {
			return true
		}
	}
	return false
}
