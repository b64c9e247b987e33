package gofront

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Span is a half-open range [Start, End) of byte offsets into a file.
type Span struct{ Start, End int }

// Diagnostic is one analyzer finding in a file, in byte offsets.
type Diagnostic struct {
	// Rule is the rule the analyzer reports for (its category up to a
	// "/"), and Severity what follows the "/", if anything.
	Rule, Severity string
	// Start and End are byte offsets in the file; End < 0 means unknown.
	Start, End int
	// Message is the analyzer's message without a "rule: " prefix.
	Message string
}

// SyntaxError is the first syntax error of a file, where the parser saw it.
type SyntaxError struct {
	Line, Col int // 1-based; Col counts bytes
	Msg       string
}

// File is what the analyzers found in one file.
type File struct {
	Diagnostics []Diagnostic
	// Comments are the file's comment spans, exactly.
	Comments []Span
	// SyntaxErrors holds the first syntax error, if the file has one.
	SyntaxErrors []SyntaxError
	// Skip, when set, is why the file is not to be linted (generated code).
	Skip string
	// typed reports whether a package with type information covered it.
	typed bool
	seen  map[Diagnostic]bool
}

// Note is something the run should tell about a directory: packages that
// could not be loaded, an analyzer that failed.
type Note struct {
	Dir string // absolute
	Msg string
}

// Options are the settings of Analyze.
type Options struct {
	Analyzers []*analysis.Analyzer
	// Tests includes the packages' _test.go files.
	Tests bool
	// Sequential runs the analyzers on one goroutine.
	Sequential bool
	// MaxFileSize: larger files are not parsed (the caller reports them).
	MaxFileSize int64
	// Cache, when set, keeps each directory's results between runs (see
	// Cache); CacheSalt is whatever else the analyzers' results depend on
	// (their configuration), hashed into every key.
	Cache     *Cache
	CacheSalt []byte
}

// analysisRun is one call of Analyze.
type analysisRun struct {
	opts  Options
	files map[string]*File
	// checkerFailed is set when the checker could not run the analyzers.
	checkerFailed bool
}

// Analyze analyzes the Go files named by their absolute paths and returns
// what it found in each of them, by the same path, and the notes of the
// run. Packages are loaded with go/packages (full type information,
// dependencies from export data, as go vet does), one load per module, and
// the analyzers run with the go/analysis checker.
//
// Files that no typed package covers — a directory outside any module,
// files excluded by build constraints, cgo files, a module whose packages
// cannot be listed — are parsed alone and analyzed with the type
// information of their own package only (its constants, no imports), so
// that literal checks still run. A package with type errors is analyzed
// with the partial type information the type checker produced.
func Analyze(ctx context.Context, paths []string, opts Options) (map[string]*File, []Note) {
	r := &analysisRun{opts: opts, files: map[string]*File{}}
	byReal := map[string]*File{} // by path with symlinks resolved
	var dirs []string
	seenDir := map[string]bool{}
	for _, abs := range paths {
		g := &File{seen: map[Diagnostic]bool{}}
		r.files[abs] = g
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			byReal[real] = g
		}
		if d := filepath.Dir(abs); !seenDir[d] {
			seenDir[d] = true
			dirs = append(dirs, d)
		}
	}
	if len(r.files) == 0 {
		return r.files, nil
	}
	lookup := func(name string) *File {
		if g := r.files[name]; g != nil {
			return g
		}
		if g := byReal[name]; g != nil {
			return g
		}
		if real, err := filepath.EvalSymlinks(name); err == nil {
			return byReal[real]
		}
		return nil
	}
	analyzers := guarded(opts.Analyzers)
	fset := token.NewFileSet()
	var notes []Note

	// Typed: one go/packages load per module.
	modules := map[string][]string{}
	var roots []string
	roots0 := map[string]string{}
	for _, d := range dirs {
		root := moduleRoot(d, roots0)
		if root == "" {
			continue
		}
		if _, ok := modules[root]; !ok {
			roots = append(roots, root)
		}
		modules[root] = append(modules[root], d)
	}
	slices.Sort(roots)
	for _, root := range roots {
		if ctx.Err() != nil {
			return r.files, notes
		}
		dirs := modules[root]
		plan := r.planCache(ctx, root, dirs)
		if plan != nil {
			notes = append(notes, plan.notes...)
			if dirs = plan.missed; len(dirs) == 0 {
				continue
			}
		}
		pkgs, err := loadModule(ctx, fset, root, dirs, opts.Tests)
		if err != nil {
			notes = append(notes, Note{root, "Go packages not loaded, checked without type information: " + firstLine(err.Error())})
			continue
		}
		fresh := len(notes)
		for _, p := range pkgs {
			covered := false
			for _, f := range p.Syntax {
				if g := lookup(fset.File(f.FileStart).Name()); g != nil {
					g.typed, covered = true, true
					g.Comments = commentSpans(fset, f)
					if ast.IsGenerated(f) {
						g.Skip = "skipped: generated file (Code generated ... DO NOT EDIT.)"
					}
				}
			}
			if !covered {
				continue
			}
			firstErr := ""
			for _, pe := range p.Errors {
				if pe.Kind == packages.ParseError {
					if file, line, col, ok := splitErrorPos(pe.Pos); ok {
						// The first syntax error is the one to fix; the
						// parser's later ones follow from it.
						if g := lookup(file); g != nil && len(g.SyntaxErrors) == 0 {
							g.SyntaxErrors = append(g.SyntaxErrors, SyntaxError{line, col, trimErrorPos(pe.Msg)})
						}
					}
					continue
				}
				if firstErr == "" {
					firstErr = firstLine(pe.Msg)
				}
			}
			if firstErr != "" {
				notes = append(notes, Note{dirOf(p), fmt.Sprintf("package %s has errors (%s), checked with partial type information", p.Name, firstErr)})
			}
		}
		notes = append(notes, r.analyze(analyzers, pkgs, fset, lookup)...)
		plan.store(ctx, r, notes[fresh:])
	}

	// Syntax only: whatever no typed package covered.
	var rest []string
	for abs, g := range r.files {
		if !g.typed {
			rest = append(rest, abs)
		}
	}
	slices.Sort(rest)
	if len(rest) > 0 {
		pkgs := r.parseSyntaxOnly(fset, rest, roots0, &notes)
		notes = append(notes, r.analyze(analyzers, pkgs, fset, lookup)...)
	}
	return r.files, notes
}

// analyze runs the analyzers over pkgs and files their diagnostics.
func (r *analysisRun) analyze(analyzers []*analysis.Analyzer, pkgs []*packages.Package, fset *token.FileSet, lookup func(string) *File) []Note {
	if len(pkgs) == 0 {
		return nil
	}
	opts := &checker.Options{Sequential: r.opts.Sequential}
	graph, err := checker.Analyze(analyzers, pkgs, opts)
	if err != nil {
		r.checkerFailed = true
		return []Note{{dirOf(pkgs[0]), "Go analyzers not run: " + err.Error()}}
	}
	var notes []Note
	for _, act := range graph.Roots {
		if act.Err != nil {
			notes = append(notes, Note{dirOf(act.Package), fmt.Sprintf("analyzer %s failed on package %s: %v", act.Analyzer.Name, act.Package.Name, act.Err)})
			continue
		}
		for _, d := range act.Diagnostics {
			addDiagnostic(fset, d, lookup)
		}
	}
	return notes
}

// addDiagnostic files a diagnostic under the file it is in. Diagnostics in
// files the run does not report on (excluded files, cgo's generated
// sources) are dropped.
func addDiagnostic(fset *token.FileSet, d analysis.Diagnostic, lookup func(string) *File) {
	tf := fset.File(d.Pos)
	if tf == nil {
		return
	}
	g := lookup(tf.Name())
	if g == nil || g.Skip != "" {
		return
	}
	rule, sev, _ := strings.Cut(d.Category, "/")
	if rule == "" {
		rule = d.Category
	}
	start, end := tf.Offset(d.Pos), -1
	if d.End.IsValid() && d.End > d.Pos && fset.File(d.End) == tf {
		end = tf.Offset(d.End)
	}
	gd := Diagnostic{Rule: rule, Severity: sev, Start: start, End: end, Message: strings.TrimPrefix(d.Message, rule+": ")}
	if g.seen[gd] { // test variants of a package repeat its files
		return
	}
	g.seen[gd] = true
	g.Diagnostics = append(g.Diagnostics, gd)
}

// loadModule loads the packages of dirs, all inside the module at root.
func loadModule(ctx context.Context, fset *token.FileSet, root string, dirs []string, tests bool) ([]*packages.Package, error) {
	patterns := make([]string, 0, len(dirs))
	for _, d := range dirs {
		r, err := filepath.Rel(root, d)
		if err != nil {
			return nil, err
		}
		patterns = append(patterns, "./"+filepath.ToSlash(r))
	}
	cfg := &packages.Config{
		Context: ctx,
		Mode:    packages.LoadSyntax,
		Dir:     root,
		Fset:    fset,
		Tests:   tests,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	// With tests, a package p comes as p, its test variant "p [p.test]"
	// (p's files plus its _test.go files) and the generated p.test main:
	// the test variant alone covers every file once.
	hasTestVariant := map[string]bool{}
	for _, p := range pkgs {
		if i := strings.Index(p.ID, " ["); i > 0 {
			hasTestVariant[p.ID[:i]] = true
		}
	}
	out := pkgs[:0]
	for _, p := range pkgs {
		if hasTestVariant[p.ID] || strings.HasSuffix(p.ID, ".test") {
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

// moduleRoot returns the directory of the go.mod that governs dir, or ""
// when dir is not inside a module. cache maps directories already asked.
func moduleRoot(dir string, cache map[string]string) string {
	var walked []string
	root := ""
	for d := dir; ; {
		if r, ok := cache[d]; ok {
			root = r
			break
		}
		walked = append(walked, d)
		if fi, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && !fi.IsDir() {
			root = d
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	for _, d := range walked {
		cache[d] = root
	}
	return root
}

// parseSyntaxOnly parses files no typed package covered and groups them
// into packages by directory and package clause, type-checked without
// imports: constants declared in the package are known, nothing else is.
func (r *analysisRun) parseSyntaxOnly(fset *token.FileSet, files []string, roots map[string]string, notes *[]Note) []*packages.Package {
	type key struct{ dir, name string }
	groups := map[key][]*ast.File{}
	var order []key
	noted := map[string]bool{}
	for _, abs := range files {
		g := r.files[abs]
		if fi, err := os.Stat(abs); err != nil || r.opts.MaxFileSize > 0 && fi.Size() > r.opts.MaxFileSize {
			continue // the worker reports it
		}
		f, err := parser.ParseFile(fset, abs, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			var list scanner.ErrorList
			if errors.As(err, &list) {
				if len(list) > 0 {
					g.SyntaxErrors = append(g.SyntaxErrors, SyntaxError{list[0].Pos.Line, list[0].Pos.Column, list[0].Msg})
				}
			} else if f == nil {
				continue // unreadable: the worker reports it
			}
		}
		if f == nil {
			continue
		}
		g.Comments = commentSpans(fset, f)
		if ast.IsGenerated(f) {
			g.Skip = "skipped: generated file (Code generated ... DO NOT EDIT.)"
			continue
		}
		dir := filepath.Dir(abs)
		if moduleRoot(dir, roots) == "" && !noted[dir] {
			noted[dir] = true
			*notes = append(*notes, Note{dir, "not inside a Go module: Go files checked without type information"})
		}
		k := key{dir, f.Name.Name}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], f)
	}
	var pkgs []*packages.Package
	for _, k := range order {
		syntax := groups[k]
		info := &types.Info{
			Types:      map[ast.Expr]types.TypeAndValue{},
			Defs:       map[*ast.Ident]types.Object{},
			Uses:       map[*ast.Ident]types.Object{},
			Implicits:  map[ast.Node]types.Object{},
			Selections: map[*ast.SelectorExpr]*types.Selection{},
			Scopes:     map[ast.Node]*types.Scope{},
		}
		conf := types.Config{
			Importer:    emptyImporter{},
			FakeImportC: true,
			Error:       func(error) {}, // every use of an import is an error here
		}
		path := "syntax-only/" + filepath.ToSlash(k.dir)
		tpkg, _ := conf.Check(path, fset, syntax, info)
		pkgs = append(pkgs, &packages.Package{
			ID:         path + " [" + k.name + "]",
			Name:       k.name,
			PkgPath:    path,
			Fset:       fset,
			Syntax:     syntax,
			Types:      tpkg,
			TypesInfo:  info,
			TypesSizes: types.SizesFor("gc", runtime.GOARCH),
			IllTyped:   true,
			Errors:     []packages.Error{{Msg: "checked without type information", Kind: packages.UnknownError}},
		})
	}
	return pkgs
}

// emptyImporter gives every import as an empty, complete package, so that
// a package can be type-checked for its own declarations without loading
// anything.
type emptyImporter struct{}

func (emptyImporter) Import(path string) (*types.Package, error) {
	name := path[strings.LastIndex(path, "/")+1:]
	p := types.NewPackage(path, name)
	p.MarkComplete()
	return p, nil
}

// guarded returns copies of the analyzers whose Run turns a panic into an
// error: the checker runs analyzers on goroutines of its own, where a
// panic would end the process instead of becoming a note.
func guarded(as []*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(as))
	for i, a := range as {
		c := *a
		run := a.Run
		c.Run = func(p *analysis.Pass) (res any, err error) {
			defer func() {
				if r := recover(); r != nil {
					res, err = nil, fmt.Errorf("internal error: %v", r)
				}
			}()
			return run(p)
		}
		out[i] = &c
	}
	return out
}

// commentSpans returns the byte spans of f's comments.
func commentSpans(fset *token.FileSet, f *ast.File) []Span {
	tf := fset.File(f.FileStart)
	out := []Span{}
	for _, g := range f.Comments {
		for _, c := range g.List {
			out = append(out, Span{tf.Offset(c.Pos()), tf.Offset(c.End())})
		}
	}
	return out
}

// splitErrorPos splits go/packages' "file:line:col" (or "file:line")
// error position.
func splitErrorPos(pos string) (file string, line, col int, ok bool) {
	rest, last, ok := cutLast(pos, ":")
	if !ok {
		return "", 0, 0, false
	}
	n, err := strconv.Atoi(last)
	if err != nil {
		return "", 0, 0, false
	}
	if f, l, ok := cutLast(rest, ":"); ok {
		if ln, err := strconv.Atoi(l); err == nil {
			return f, ln, n, true
		}
	}
	return rest, n, 1, true
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// trimErrorPos drops a "file:line:col: " prefix from an error message.
func trimErrorPos(msg string) string {
	if i := strings.Index(msg, ".go:"); i >= 0 {
		if j := strings.Index(msg[i:], ": "); j >= 0 {
			return msg[i+j+2:]
		}
	}
	return msg
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

func dirOf(p *packages.Package) string {
	for _, f := range p.GoFiles {
		return filepath.Dir(f)
	}
	for _, f := range p.CompiledGoFiles {
		return filepath.Dir(f)
	}
	if len(p.Syntax) > 0 && p.Fset != nil {
		return filepath.Dir(p.Fset.File(p.Syntax[0].FileStart).Name())
	}
	return p.PkgPath
}
