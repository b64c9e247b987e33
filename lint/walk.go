package lint

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// skipDirs are never walked into.
var skipDirs = map[string]bool{".git": true, "vendor": true, "node_modules": true}

// within reports whether path is dir or under it.
func within(path, dir string) bool {
	if path == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(path, dir)
}

// root is one of opts.Paths, resolved.
type root struct {
	abs string
	dir bool
}

// roots resolves opts.Paths; a path that does not exist is an error, one
// that is neither a directory nor a regular file (a FIFO or device, which
// would block whoever reads it) a note.
func (e *engine) roots() ([]root, []Skip, error) {
	var out []root
	var notes []Skip
	for _, p := range e.opts.Paths {
		// "./..." is accepted as Go users write it.
		p = strings.TrimSuffix(strings.TrimSuffix(p, "..."), string(filepath.Separator)+"...")
		if p == "" {
			p = "."
		}
		abs := p
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(e.wd, p)
		}
		abs = filepath.Clean(abs)
		info, err := os.Stat(abs)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		if !info.IsDir() && !info.Mode().IsRegular() {
			notes = append(notes, Skip{e.rel(abs), "skipped: not a regular file"})
			continue
		}
		out = append(out, root{abs, info.IsDir()})
	}
	return out, notes, nil
}

// collect returns the files under roots (of the kinds keep accepts, all
// when keep is nil) in report order, each once, and the walk's notes.
func (e *engine) collect(roots []root, keep func(Kind) bool) ([]fileTask, []Skip) {
	var files []fileTask
	notes, _ := e.walk(roots, keep, func(t fileTask) bool {
		files = append(files, t)
		return true
	})
	slices.SortFunc(files, func(a, b fileTask) int { return cmp.Or(ComparePaths(a.rel, b.rel), cmp.Compare(a.abs, b.abs)) })
	files = slices.CompactFunc(files, func(a, b fileTask) bool { return a.abs == b.abs })
	return files, notes
}

// walk calls yield for each file to lint under roots (of the kinds keep
// accepts, all when keep is nil): a file root as it is, a directory in
// the order filepath.WalkDir meets its files, without the directories and
// files a walk leaves out (skipped directories, excludes, test paths, other
// SQL dialects). It stops when yield returns false. A file reached from two
// roots is yielded twice (collect removes the duplicates).
func (e *engine) walk(roots []root, keep func(Kind) bool, yield func(fileTask) bool) ([]Skip, error) {
	var notes []Skip
	errStop := errors.New("stop")
	for _, r := range roots {
		abs := r.abs
		if !r.dir {
			if slices.Contains(e.opts.SkipFiles, abs) {
				continue
			}
			// A file named explicitly is always linted.
			k := Classify(abs)
			if k == KindUnknown {
				k = KindText
			}
			rel := e.rel(abs)
			if k == KindSQL {
				if d := e.pathDialect(abs, rel); d != "" {
					if keep == nil {
						e.leave(d)
					}
					continue
				}
			}
			if (keep == nil || keep(k)) && !yield(fileTask{abs: abs, rel: rel, kind: k}) {
				return notes, nil
			}
			continue
		}
		// WalkDir does not enter a root that is a symlink (a link named
		// on the command line, or a working directory reached through
		// one): walk where it points, and name the files under the root
		// as given.
		walkRoot := abs
		if real, err := filepath.EvalSymlinks(abs); err == nil && real != abs {
			walkRoot = real
		}
		err := filepath.WalkDir(walkRoot, func(path string, d fs.DirEntry, err error) error {
			if walkRoot != abs {
				path = abs + path[len(walkRoot):]
			}
			if err != nil {
				notes = append(notes, Skip{e.rel(path), "skipped: " + unwrapPathError(err).Error()})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if path != abs && (skipDirs[name] || name == "testdata" || e.excluded(path)) {
					return fs.SkipDir
				}
				return nil
			}
			kind := Classify(name)
			if kind == KindUnknown || keep != nil && !keep(kind) || e.excluded(path) || slices.Contains(e.opts.SkipFiles, path) {
				return nil
			}
			if kind == KindGo && !e.opts.Tests && strings.HasSuffix(name, "_test.go") {
				return nil
			}
			if !e.opts.Tests && e.inTestPath(abs, path) {
				if keep == nil {
					e.leave("")
				}
				return nil
			}
			var rel string
			if kind == KindSQL {
				rel = e.rel(path)
				if d := e.pathDialect(path, rel); d != "" {
					if keep == nil {
						e.leave(d)
					}
					return nil
				}
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// Symlinked files are linted; symlinked directories are not
				// followed, which is also what keeps a link loop finite.
				fi, err := os.Stat(path)
				if err != nil {
					notes = append(notes, Skip{e.rel(path), "skipped: " + unwrapPathError(err).Error()})
					return nil
				}
				if fi.IsDir() {
					return nil
				}
				if !fi.Mode().IsRegular() {
					notes = append(notes, Skip{e.rel(path), "skipped: not a regular file"})
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			if rel == "" {
				rel = e.rel(path)
			}
			if !yield(fileTask{abs: path, rel: rel, kind: kind}) {
				return errStop
			}
			return nil
		})
		if errors.Is(err, errStop) {
			return notes, nil
		}
		if err != nil {
			return notes, err
		}
	}
	return notes, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// rel returns the display path of abs: relative to the working directory
// when below it, slash-separated.
func (e *engine) rel(abs string) string {
	// The common case, a file under the working directory, as a slice of
	// abs: a walk of a large tree keeps one string per file, not two.
	if filepath.Separator == '/' && len(abs) > len(e.wd) && strings.HasPrefix(abs, e.wd) &&
		(abs[len(e.wd)] == '/' || strings.HasSuffix(e.wd, "/")) {
		if strings.HasSuffix(e.wd, "/") {
			return abs[len(e.wd):]
		}
		return abs[len(e.wd)+1:]
	}
	if r, err := filepath.Rel(e.wd, abs); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(abs)
}

// excluded reports whether a config exclude glob matches abs.
func (e *engine) excluded(abs string) bool {
	cfg := e.opts.Config
	if len(cfg.Exclude) == 0 {
		return false
	}
	base := cfg.Dir
	if base == "" {
		base = e.wd
	}
	r, err := filepath.Rel(base, abs)
	if err != nil || strings.HasPrefix(r, "..") {
		return false
	}
	r = filepath.ToSlash(r)
	for _, g := range cfg.Exclude {
		if matchGlob(g, r) || matchGlob(strings.TrimSuffix(g, "/**"), r) && strings.HasSuffix(g, "/**") {
			return true
		}
	}
	return false
}
