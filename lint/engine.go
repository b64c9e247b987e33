package lint

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/grantguard/grantguard/lint/gofront"
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
	// act on (see sqlfront.ParseSelective): the reference path the selective one is
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
	// GoCache, when set, keeps the Go analyzers' results between runs (see
	// gofront.Cache).
	GoCache *gofront.Cache
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
	e.sqlFiles = sync.OnceValue(func() []*File {
		fs := readSQLFiles(of(KindSQL))
		byPath := make(map[string]*File, len(fs))
		for _, f := range fs {
			byPath[f.Abs] = f
		}
		e.read.Store(&byPath)
		return fs
	})
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
	gofiles map[string]*gofront.File
	goReady chan struct{}
	// project holds what the Project checks found, by file (see projectpass.go).
	project map[string][]rawFinding
	// sqlFiles reads the run's SQL files, once.
	sqlFiles func() []*File
	// read holds the files sqlFiles read, by absolute path, once it has
	// run: lintFile takes a SQL file from there rather than reading it
	// again.
	read atomic.Pointer[map[string]*File]
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
	if t.kind == KindSQL {
		if read := e.read.Load(); read != nil {
			if rf := (*read)[t.abs]; rf != nil {
				// Read for the checks over the whole history, with the same
				// tests (regular, size, binary, UTF-8) as below.
				f := &File{Path: t.rel, Abs: t.abs, Kind: t.kind, Src: rf.Src, Lines: rf.Lines}
				res.findings, res.note, res.dialect = e.check(f)
				return res
			}
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
