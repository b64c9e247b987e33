package lint

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"golang.org/x/tools/go/analysis"
)

// MaxFileSize is the largest file grantguard reads; larger files are
// skipped with a note.
const MaxFileSize = 10 << 20

// MaxSourceLine is the longest source line echoed in a finding.
const MaxSourceLine = 1000

// Options configure one run.
type Options struct {
	// Paths are the files and directories to lint; empty means ".".
	Paths []string
	// Config is the configuration; nil means DefaultConfig().
	Config *Config
	// Catalogue is every rule that may be reported.
	Catalogue Catalogue
	// Jobs is the number of files linted at once; <= 0 means all cores.
	Jobs int
	// Tests includes Go _test.go files and files in test and fixture
	// paths (see inTestPath).
	Tests bool
	// WorkDir is the directory reported paths are relative to; empty means
	// the process's working directory.
	WorkDir string
	// Analyzers check Go files (see package analyzers); none means Go
	// files are only scanned for suppression comments. Their diagnostics'
	// Category is the rule ID (see lint/golang.go).
	Analyzers []*analysis.Analyzer
	// FullParse parses every SQL statement instead of only those a rule can
	// act on (see sqlselect.go): the reference path the selective one is
	// tested against.
	FullParse bool
	// Progress, when set, is called from the workers after each file with
	// the number of files done and the total, -1 while a directory walk is
	// still finding files; calls may come concurrently.
	Progress func(done, total int)
	// SkipFiles are absolute paths never linted: the report the run is
	// writing (check --output) would otherwise be linted half-written.
	SkipFiles []string
	// History, when set, replays the run's SQL files as one migration
	// history so that a problem a later migration undoes is not reported
	// (see History; Config.HistoryEvery turns it off).
	History *History
	// Emit, when set, receives the findings of each file as soon as that
	// file and every file before it are done, in report order (see
	// Compare), one call at a time; Result.Findings then stays empty. A
	// report streamed this way needs memory for the files in flight, not
	// for every finding of the tree. An error from Emit ends the run and is
	// returned by Run.
	Emit func(findings []Finding) error
}

// Skip is a file the run did not lint, and why.
type Skip struct {
	Path   string
	Reason string
}

// Result is the outcome of a run.
type Result struct {
	Findings []Finding // sorted (see Compare)
	Skipped  []Skip    // sorted by path
	Files    int       // files linted
	// OtherDialects counts the .sql files left out as another SQL
	// dialect, by dialect (named by their path or recognized by their
	// syntax).
	OtherDialects map[string]int
	// TestFiles counts the files left out as tests and fixtures (see
	// Options.Tests).
	TestFiles int
}

// Run lints the files under opts.Paths. It returns an error only for a
// failure of the run itself (a path that does not exist, a cancelled
// context); problems in the files are findings and notes.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if opts.Config == nil {
		opts.Config = DefaultConfig()
	}
	if len(opts.Paths) == 0 {
		opts.Paths = []string{"."}
	}
	wd := opts.WorkDir
	if wd == "" {
		var err error
		if wd, err = os.Getwd(); err != nil {
			return nil, err
		}
	}
	e := &engine{opts: opts, wd: wd}
	roots, notes, err := e.roots()
	if err != nil {
		return nil, err
	}
	e.rootList = roots
	// One directory, the usual case, is walked while it is linted: a
	// directory walk meets files in report order (see ComparePaths), so
	// memory does not grow with the number of files. Several paths are
	// collected, deduplicated and sorted first.
	var source func(yield func(fileTask) bool) error
	var walkNotes []Skip
	var files []fileTask
	// Walk order is report order when every file gets the same kind of
	// path: all relative (the root is the working directory or under it)
	// or all absolute (the working directory is not under the root).
	stream := len(roots) == 1 && roots[0].dir && (within(roots[0].abs, wd) || !within(wd, roots[0].abs))
	if stream {
		source = func(yield func(fileTask) bool) error {
			var err error
			walkNotes, err = e.walk(roots, nil, yield)
			return err
		}
	} else {
		var ns []Skip
		files, ns = e.collect(roots, nil)
		notes = append(notes, ns...)
		source = func(yield func(fileTask) bool) error {
			for _, t := range files {
				if !yield(t) {
					return nil
				}
			}
			return nil
		}
	}
	// of returns the files of one kind: from the list, or by a walk that
	// keeps only them.
	of := func(k Kind) []fileTask {
		if !stream {
			var out []fileTask
			for _, t := range files {
				if t.kind == k {
					out = append(out, t)
				}
			}
			return out
		}
		out, _ := e.collect(roots, func(kk Kind) bool { return kk == k })
		return out
	}
	// Go files are analyzed by package, while the workers lint the other
	// kinds: from the first Go file the run meets (so a tree without Go
	// files never looks for them); a worker that meets a Go file waits for
	// the analysis (see lintFile).
	e.goReady = make(chan struct{})
	goCtx, stopGo := context.WithCancel(ctx)
	defer stopGo()
	var goNotes []Skip
	var goOnce sync.Once
	startGo := func() {
		goOnce.Do(func() {
			if len(opts.Analyzers) == 0 {
				close(e.goReady)
				return
			}
			go func() {
				defer close(e.goReady)
				goNotes = e.runGo(goCtx, of(KindGo))
			}()
		})
	}
	inner := source
	source = func(yield func(fileTask) bool) error {
		return inner(func(t fileTask) bool {
			if t.kind == KindGo {
				startGo()
			}
			return yield(t)
		})
	}
	// The run's SQL files, read once for the checks over the whole
	// migration history: the Project checks, which run before the per-file
	// ones, and History, replayed when the first file needs it.
	e.sqlFiles = sync.OnceValue(func() []*File { return readSQLFiles(of(KindSQL)) })
	var projectNotes []Skip
	e.project, projectNotes = e.runProject(e.sqlFiles)
	notes = append(notes, projectNotes...)
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	res := &Result{Skipped: notes}
	emit := opts.Emit
	if emit == nil {
		emit = func(fs []Finding) error {
			res.Findings = append(res.Findings, fs...)
			return nil
		}
	}
	err = e.lintAll(ctx, source, jobs, res, emit)
	if err != nil {
		stopGo() // nobody will read what it finds
	}
	goOnce.Do(func() { close(e.goReady) }) // no Go file was met
	<-e.goReady                            // runGo stops early when ctx is cancelled
	if err != nil {
		return nil, err
	}
	res.Skipped = append(res.Skipped, walkNotes...)
	res.Skipped = append(res.Skipped, goNotes...)
	if e.historyNote != "" {
		res.Skipped = append(res.Skipped, Skip{"migration history", e.historyNote})
	}
	e.leftOut.Lock()
	res.TestFiles += e.leftOut.tests
	for d, n := range e.leftOut.dialects {
		if res.OtherDialects == nil {
			res.OtherDialects = map[string]int{}
		}
		res.OtherDialects[d] += n
	}
	e.leftOut.Unlock()
	SortFindings(res.Findings)
	sortSkips(res.Skipped)
	return res, nil
}

// lintAll lints the files source yields, in that order, on jobs workers
// and hands each file's findings to emit in the same order. Workers run at
// most a window of batches ahead of the oldest file not yet emitted, so
// memory holds the findings of that window, never those of the whole tree.
func (e *engine) lintAll(parent context.Context, source func(yield func(fileTask) bool) error, jobs int, res *Result, emit func([]Finding) error) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	// Files go to the workers in batches of consecutive files: on a tree
	// of small files, a channel hand-off per file costs as much as the
	// file. window batches may be in flight.
	const batchSize = 8
	window := 4 * jobs
	// ring[b%window] carries batch b's results; a slot is free again once
	// batch b is emitted, and slots is what keeps the feeder within the
	// window.
	ring := make([]chan []fileResult, window)
	for i := range ring {
		ring[i] = make(chan []fileResult, 1)
	}
	slots := make(chan struct{}, window)
	type batch struct {
		b     int
		tasks []fileTask
	}
	next := make(chan batch)
	// fed carries the number of batches, and the source's error, once the
	// source is exhausted.
	type total struct {
		batches int
		err     error
	}
	fed := make(chan total, 1)
	var wg sync.WaitGroup
	var done, known atomic.Int64
	known.Store(-1)
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				out := make([]fileResult, len(j.tasks))
				for i, t := range j.tasks {
					out[i] = e.lintFile(t)
					if e.opts.Progress != nil {
						e.opts.Progress(int(done.Add(1)), int(known.Load()))
					}
				}
				ring[j.b%window] <- out
			}
		}()
	}
	go func() {
		defer close(next)
		b, files := 0, 0
		var tasks []fileTask
		send := func() bool {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return false
			}
			select {
			case next <- batch{b, tasks}:
				b++
				tasks = nil
				return true
			case <-ctx.Done():
				return false
			}
		}
		err := source(func(t fileTask) bool {
			files++
			tasks = append(tasks, t)
			return len(tasks) < batchSize || send()
		})
		if len(tasks) > 0 && ctx.Err() == nil {
			send()
		}
		known.Store(int64(files))
		fed <- total{b, err}
	}()
	var err error
	n := -1 // the number of batches, once known
	handle := func(r fileResult) error {
		if r.note != "" {
			res.Skipped = append(res.Skipped, Skip{r.path, r.note})
			return nil
		}
		if r.dialect != "" {
			if res.OtherDialects == nil {
				res.OtherDialects = map[string]int{}
			}
			res.OtherDialects[r.dialect]++
			return nil
		}
		res.Files++
		if len(r.findings) > 0 {
			return emit(r.findings)
		}
		return nil
	}
collect:
	for b := 0; n < 0 || b < n; {
		var rs []fileResult
		select {
		case t := <-fed:
			n = t.batches
			if t.err != nil && err == nil {
				err = t.err
				break collect
			}
			continue
		case rs = <-ring[b%window]:
		case <-ctx.Done():
			err = ctx.Err()
			break collect
		}
		b++
		<-slots
		for _, r := range rs {
			if err = handle(r); err != nil {
				break collect
			}
		}
	}
	cancel()
	wg.Wait()
	if err == nil {
		err = parent.Err()
	}
	return err
}

func sortSkips(ns []Skip) {
	slices.SortStableFunc(ns, func(a, b Skip) int { return ComparePaths(a.Path, b.Path) })
}

type engine struct {
	opts Options
	wd   string
	// gofiles holds what the Go analyzers found, by file (see golang.go),
	// once goReady is closed.
	gofiles map[string]*goFile
	goReady chan struct{}
	// project holds what the Project checks found, by file (see projectpass.go).
	project map[string][]rawFinding
	// sqlFiles reads the run's SQL files, once.
	sqlFiles func() []*File
	// rootList is opts.Paths resolved.
	rootList []root
	// history holds what History found undone, by path, once historyOnce
	// is done (see history.go).
	historyOnce sync.Once
	history     map[string][]Undone
	historyNote string
	// leftOut counts what the main walk left out (see scope.go).
	leftOut struct {
		sync.Mutex
		tests    int
		dialects map[string]int
	}
}

// leave counts a file the main walk leaves out: a test file, or a .sql
// file of another dialect.
func (e *engine) leave(dialect string) {
	e.leftOut.Lock()
	defer e.leftOut.Unlock()
	if dialect == "" {
		e.leftOut.tests++
		return
	}
	if e.leftOut.dialects == nil {
		e.leftOut.dialects = map[string]int{}
	}
	e.leftOut.dialects[dialect]++
}

type fileTask struct {
	abs, rel string
	kind     Kind
}

type fileResult struct {
	path     string
	findings []Finding
	note     string
	dialect  string // set when the file turned out to be another SQL dialect
}

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

// lintFile reads and lints one file. It never panics: a panic in a check is
// turned into a note naming the file, and the run goes on.
func (e *engine) lintFile(t fileTask) (res fileResult) {
	res.path = t.rel
	defer func() {
		if r := recover(); r != nil {
			res.findings = nil
			res.note = fmt.Sprintf("skipped: internal error: %v", r)
		}
	}()
	if t.kind == KindGo {
		<-e.goReady
		if res.note = e.goSkip(t); res.note != "" {
			return res
		}
	}
	src, note := readSource(t.abs)
	if note != "" {
		res.note = note
		return res
	}
	if bytes.IndexByte(src[:min(len(src), 8000)], 0) >= 0 {
		res.note = "skipped: binary file"
		return res
	}
	if !utf8.Valid(src) {
		res.note = "skipped: not valid UTF-8"
		return res
	}
	f := &File{Path: t.rel, Abs: t.abs, Kind: t.kind, Src: src, Lines: NewLineIndex(src)}
	res.findings, res.note, res.dialect = e.check(f)
	return res
}

// readSource reads a file to lint, or says why it is skipped: it is gone
// or unreadable, not a regular file (a FIFO or device, perhaps put there
// since the walk: reading could block forever), or over MaxFileSize. One
// open and one fstat: on a tree of small files the syscalls are a large
// part of the run.
func readSource(name string) ([]byte, string) {
	f, err := openSource(name)
	if err != nil {
		return nil, "skipped: " + unwrapPathError(err).Error()
	}
	defer func() { _ = f.Close() }() // read-only: nothing to lose
	return readAll(f)
}

// readAll reads an open file to lint; a file that changes while it is
// read gives what was read, or a note when it grew over the limit.
func readAll(f sourceFile) ([]byte, string) {
	regular, size, err := f.info()
	if err != nil {
		return nil, "skipped: " + unwrapPathError(err).Error()
	}
	if !regular {
		return nil, "skipped: not a regular file"
	}
	if size > MaxFileSize {
		return nil, fmt.Sprintf("skipped: file is %d bytes, over the %d-byte limit", size, MaxFileSize)
	}
	// One byte more than the size, to see a file that grew since the stat.
	src := make([]byte, 0, size+1)
	for {
		if len(src) == cap(src) {
			if len(src) > MaxFileSize {
				return nil, fmt.Sprintf("skipped: file is over the %d-byte limit", MaxFileSize)
			}
			src = slices.Grow(src, min(len(src), MaxFileSize+1-len(src))+1)
		}
		want := cap(src) - len(src)
		n, err := f.Read(src[len(src):cap(src)])
		src = src[:len(src)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, "skipped: " + unwrapPathError(err).Error()
		}
		// A short read of a regular file that has all its bytes is its
		// end: no second read to hear EOF.
		if n < want && int64(len(src)) >= size {
			break
		}
	}
	if len(src) > MaxFileSize { // grew since the stat
		return nil, fmt.Sprintf("skipped: file is over the %d-byte limit", MaxFileSize)
	}
	return src, ""
}

// sourceFile is an open file to lint (see openSource).
type sourceFile interface {
	io.ReadCloser
	// info reports whether the file is regular, and its size.
	info() (regular bool, size int64, err error)
}

// check runs the checks of f's kind and turns what they report into
// findings: suppressions, disabled rules and severity overrides applied,
// positions resolved, secrets redacted, fingerprints computed.
func (e *engine) check(f *File) ([]Finding, string, string) {
	s := &sink{file: f}
	switch f.Kind {
	case KindSQL:
		s.postgres = e.forcedPostgres(f.Abs)
		checkSQL(f, e.opts.Config, e.opts.Catalogue, s, e.opts.FullParse)
		if s.dialect != "" {
			return nil, "", s.dialect
		}
		s.findings = e.dropUndone(f, s.findings)
	case KindHBA:
		checkHBA(f, e.opts.Config, e.opts.Catalogue, s)
	case KindPGConf:
		checkPGConf(f, e.opts.Config, e.opts.Catalogue, s)
	case KindConfig, KindEnv:
		checkConfig(f, e.opts.Config, e.opts.Catalogue, s)
	case KindText:
		checkText(f, e.opts.Config, e.opts.Catalogue, s)
	case KindPgBouncer:
		checkPgBouncer(f, e.opts.Config, e.opts.Catalogue, s)
	case KindUserList:
		checkUserList(f, e.opts.Config, e.opts.Catalogue, s)
	case KindGo:
		e.checkGo(f, s)
	}
	s.findings = append(s.findings, e.project[f.Path]...)
	if s.skip != "" {
		return nil, s.skip, ""
	}
	return e.finish(f, s), "", ""
}

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

// checkSQL runs the SQL checks of the catalogue over every statement of f.
// Unless full is set, only the statements a rule can act on are parsed.
func checkSQL(f *File, cfg *Config, cat Catalogue, s *sink, full bool) {
	pre := PreprocessSQL(f.Src)
	var parsed *parsedSQL
	if full {
		parsed = parseSQL(string(pre))
	} else {
		parsed = parseSQLSelective(string(pre))
	}
	if bytes.Contains(f.Src, []byte("grantguard:ignore")) {
		s.comments = sqlComments(string(pre))
	}
	var unparsed []Span
	if len(parsed.problems) > 0 {
		// No rule sees what does not parse: redact its likely secrets here.
		unparsed = unparsedSecrets(string(pre))
		s.secrets = append(s.secrets, unparsed...)
	}
	if len(parsed.problems) > 0 && !s.postgres {
		// A file PostgreSQL's parser rejects may be another dialect's: it
		// is then left out whole, without a finding (see check).
		if s.dialect = syntaxDialect(f.Src); s.dialect != "" {
			return
		}
	}
	if r := cat.Lookup(ParseErrorID); r != nil {
		rep := Reporter{rule: r, sink: s}
		for _, p := range parsed.problems {
			rep.ReportRange(p.off, -1, 0, "%s", redactMessage(p.msg, string(pre), unparsed))
		}
	}
	for _, r := range cat {
		if r.SQL == nil {
			continue
		}
		pass := &SQLPass{Reporter: Reporter{rule: r, sink: s}, File: f, Config: cfg}
		for _, st := range parsed.stmts {
			r.SQL(pass, st)
		}
	}
	for i := range s.findings {
		s.findings[i].msg = restoreStandIns(s.findings[i].msg, f.Src, pre, s.findings[i].start)
	}
}

// sqlComments returns the comment spans of preprocessed SQL, or nil when the
// scanner fails (the line heuristic of parseIgnores applies then).
func sqlComments(pre string) []Span {
	res, err := pg_query.Scan(pre)
	if err != nil {
		return nil
	}
	out := []Span{}
	for _, t := range res.Tokens {
		if t.Token == pg_query.Token_SQL_COMMENT || t.Token == pg_query.Token_C_COMMENT {
			out = append(out, Span{int(t.Start), int(t.End)})
		}
	}
	return out
}
