package gofront

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// The cache key of a directory mirrors go vet's action ID: what the
// packages in the directory are built from, recursively through their
// imports, and how the analyzers are set up.
//
//   - the run: grantguard's build ID, the analyzers with their flags, the
//     caller's CacheSalt (grantguard's configuration), whether tests are
//     included, the directory and the Go files the run asked about in it;
//   - the toolchain: GOVERSION, GOROOT, GOOS, GOARCH and their variants,
//     GOFLAGS (build tags, -mod), CGO_ENABLED and the cgo compiler flags,
//     GOEXPERIMENT, the workspace file;
//   - each package, by `go list -deps`: its import path, name, directory and
//     the language version of its module; the contents of its Go, cgo and
//     C header and source files (which files they are already reflects the
//     build constraints), or, for a package of the standard library or in
//     the module cache, which never changes in place, its directory;
//     and then the key of every package it imports.
//
// Embedded files (//go:embed) are left out: the type checker gives an
// embedded variable no value and no analyzer reads them.
//
// Files the build constraints exclude and cgo files are not part of any
// typed package; the syntax-only path analyzes them on every run, without
// the cache, at the cost of a parse.

// goEnvVars are the go environment settings the key includes.
var goEnvVars = []string{
	"GOVERSION", "GOROOT", "GOOS", "GOARCH", "GOFLAGS", "GOEXPERIMENT", "GOWORK",
	"GOMODCACHE", "GO386", "GOAMD64", "GOARM", "GOARM64", "GOMIPS", "GOMIPS64",
	"GOPPC64", "GORISCV64", "GOWASM", "CGO_ENABLED", "CC", "CXX", "CGO_CFLAGS",
	"CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_FFLAGS", "CGO_LDFLAGS",
}

// listFields are the fields of `go list -json` the key reads.
const listFields = "ImportPath,Name,Dir,Standard,Module,Error,DepsErrors," +
	"GoFiles,CgoFiles,CFiles,CXXFiles,HFiles,MFiles,FFiles,TestGoFiles,XTestGoFiles," +
	"CgoCFLAGS,CgoCPPFLAGS,CgoCXXFLAGS,CgoFFLAGS,Imports"

// listedPackage is a package as `go list -json` describes it.
type listedPackage struct {
	ImportPath, Name, Dir string
	Standard              bool
	Module                *struct {
		Path, Version, GoVersion string
	}
	Error      *struct{ Err string }
	DepsErrors []*struct{ Err string }

	GoFiles, CgoFiles, CFiles, CXXFiles, HFiles, MFiles, FFiles, TestGoFiles, XTestGoFiles []string
	CgoCFLAGS, CgoCPPFLAGS, CgoCXXFLAGS, CgoFFLAGS                                         []string

	Imports []string
}

// sources returns the package's files whose contents its key covers.
func (p *listedPackage) sources() [][]string {
	return [][]string{p.GoFiles, p.CgoFiles, p.CFiles, p.CXXFiles, p.HFiles, p.MFiles, p.FFiles, p.TestGoFiles, p.XTestGoFiles}
}

// empty reports whether no typed package can come out of the package: the
// build constraints exclude all its files (those of tests too, when the run
// includes tests).
func (p *listedPackage) empty(tests bool) bool {
	n := len(p.GoFiles) + len(p.CgoFiles)
	if tests {
		n += len(p.TestGoFiles) + len(p.XTestGoFiles)
	}
	return n == 0
}

// cachePlan is the cache's part in the analysis of one module: the
// directories whose entries were found, restored into the run's files, and
// those still to analyze, with the keys to store them under.
type cachePlan struct {
	cache  *Cache
	notes  []Note         // of the directories found
	missed []string       // directories to load and analyze
	keys   map[string]key // by missed directory that can be stored
	// restored are the files filled from the cache, with how many
	// diagnostics each had: a fresh analysis that adds one to them (which
	// no analyzer does today) makes the run's results unfit to store.
	restored map[*File]int
}

// planCache looks up the directories dirs of the module at root. It
// returns nil when the run has no cache or the module's packages cannot be
// listed; then every directory is analyzed as without a cache.
func (r *analysisRun) planCache(ctx context.Context, root string, dirs []string) *cachePlan {
	c := r.opts.Cache
	if c == nil || os.Getenv("GOPACKAGESDRIVER") != "" && os.Getenv("GOPACKAGESDRIVER") != "off" {
		return nil
	}
	keys, err := cacheKeys(ctx, root, dirs, r.requested(dirs), r.opts)
	if err != nil {
		return nil
	}
	plan := &cachePlan{cache: c, keys: map[string]key{}, restored: map[*File]int{}}
	for _, d := range dirs {
		k, ok := keys[d]
		switch {
		case ok && k == (key{}): // nothing in it type-checks: all syntax-only
			continue
		case !ok:
			plan.missed = append(plan.missed, d)
			continue
		}
		if e, hit := c.get(k); hit && r.restore(d, e, plan) {
			plan.notes = append(plan.notes, e.Notes...)
			continue
		}
		plan.missed = append(plan.missed, d)
		plan.keys[d] = k
	}
	return plan
}

// requested returns the base names of the run's files in each of dirs.
func (r *analysisRun) requested(dirs []string) map[string][]string {
	want := map[string]bool{}
	for _, d := range dirs {
		want[d] = true
	}
	out := map[string][]string{}
	for abs := range r.files {
		if d := filepath.Dir(abs); want[d] {
			out[d] = append(out[d], filepath.Base(abs))
		}
	}
	for _, names := range out {
		slices.Sort(names)
	}
	return out
}

// restore fills the run's files of dir from e, or reports false and
// changes nothing when e does not fit them.
func (r *analysisRun) restore(dir string, e *cacheEntry, plan *cachePlan) bool {
	for base, f := range e.Files {
		if f == nil || r.files[filepath.Join(dir, base)] == nil {
			return false
		}
	}
	for _, n := range e.Notes {
		if n.Dir != dir {
			return false
		}
	}
	for base, f := range e.Files {
		g := r.files[filepath.Join(dir, base)]
		*g = *f
		g.typed = true
		if g.Comments == nil { // gob gives an empty list back as nil
			g.Comments = []Span{}
		}
		g.seen = map[Diagnostic]bool{}
		for _, d := range g.Diagnostics {
			g.seen[d] = true
		}
		plan.restored[g] = len(g.Diagnostics)
	}
	return true
}

// store keeps what the run found in the missed directories, given the
// notes of their analysis. Nothing is stored when the run was cancelled,
// the analyzers could not run, or a result cannot be told apart by
// directory.
func (plan *cachePlan) store(ctx context.Context, r *analysisRun, notes []Note) {
	if plan == nil || len(plan.keys) == 0 || ctx.Err() != nil || r.checkerFailed {
		return
	}
	for g, n := range plan.restored {
		if len(g.Diagnostics) != n {
			return
		}
	}
	entries := map[string]*cacheEntry{}
	for _, d := range plan.missed {
		entries[d] = &cacheEntry{Files: map[string]*File{}}
	}
	for _, n := range notes {
		e := entries[n.Dir]
		if e == nil {
			return
		}
		e.Notes = append(e.Notes, n)
	}
	for abs, g := range r.files {
		if e := entries[filepath.Dir(abs)]; e != nil && g.typed {
			e.Files[filepath.Base(abs)] = g
		}
	}
	for d, k := range plan.keys {
		_ = plan.cache.put(k, entries[d])
	}
	plan.cache.Trim()
}

// cacheKeys returns the key of each directory of dirs, in the module at
// root, whose results can be kept: the zero key for a directory with no
// typed package (all its files are checked syntax-only), no key for one
// with errors in its packages or their dependencies (analyzed every run).
// requested holds the base names of the run's files in each directory.
func cacheKeys(ctx context.Context, root string, dirs []string, requested map[string][]string, opts Options) (map[string]key, error) {
	patterns := make([]string, 0, len(dirs))
	for _, d := range dirs {
		rel, err := filepath.Rel(root, d)
		if err != nil {
			return nil, err
		}
		patterns = append(patterns, "./"+filepath.ToSlash(rel))
	}
	var (
		env     map[string]string
		envErr  error
		pkgs    []*listedPackage
		listErr error
		wg      sync.WaitGroup
	)
	wg.Go(func() { env, envErr = goEnv(ctx, root) })
	wg.Go(func() { pkgs, listErr = goList(ctx, root, patterns, opts.Tests) })
	wg.Wait()
	if err := errors.Join(envErr, listErr); err != nil {
		return nil, err
	}
	exe := executableID()
	if exe == "" {
		return nil, errors.New("grantguard's executable cannot be identified")
	}
	run := sha256.New()
	fmt.Fprintf(run, "%s\nexe %s\ntests %v\nsalt %x\n", cacheVersion, exe, opts.Tests, opts.CacheSalt)
	writeAnalyzers(run, opts.Analyzers)
	for _, v := range goEnvVars {
		fmt.Fprintf(run, "env %s=%q\n", v, env[v])
	}
	if w := env["GOWORK"]; w != "" && w != "off" {
		if err := hashFile(run, w); err != nil {
			return nil, err
		}
	}
	modCache := env["GOMODCACHE"]
	runSum := run.Sum(nil)

	fileSums := map[string][]byte{}
	sum := func(path string) ([]byte, error) {
		if s, ok := fileSums[path]; ok {
			return s, nil
		}
		h := sha256.New()
		if err := hashFile(h, path); err != nil {
			return nil, err
		}
		fileSums[path] = h.Sum(nil)
		return fileSums[path], nil
	}
	// go list -deps lists a package after everything it imports.
	pkgKeys := map[string][]byte{} // nil: no key (errors)
	byDir := map[string][]*listedPackage{}
	for _, p := range pkgs {
		byDir[p.Dir] = append(byDir[p.Dir], p)
		pkgKeys[p.ImportPath] = packageKey(p, modCache, pkgKeys, sum)
	}

	out := map[string]key{}
	for _, d := range dirs {
		listed := byDir[d]
		if len(listed) == 0 {
			continue
		}
		if !slices.ContainsFunc(listed, func(p *listedPackage) bool { return !p.empty(opts.Tests) }) {
			out[d] = key{}
			continue
		}
		h := sha256.New()
		fmt.Fprintf(h, "run %x\ndir %q\n", runSum, d)
		for _, name := range requested[d] {
			fmt.Fprintf(h, "requested %q\n", name)
		}
		ok := true
		slices.SortFunc(listed, func(a, b *listedPackage) int { return strings.Compare(a.ImportPath, b.ImportPath) })
		for _, p := range listed {
			if strings.HasSuffix(p.ImportPath, ".test") {
				continue // a generated test main, never analyzed
			}
			k := pkgKeys[p.ImportPath]
			if k == nil {
				ok = false
				break
			}
			fmt.Fprintf(h, "package %q %x\n", p.ImportPath, k)
		}
		if ok {
			out[d] = key(h.Sum(nil))
		}
	}
	return out, nil
}

// packageKey returns the key of p, or nil when p or a package it imports
// has errors or cannot be read.
func packageKey(p *listedPackage, modCache string, keys map[string][]byte, sum func(string) ([]byte, error)) []byte {
	if p.Error != nil || len(p.DepsErrors) > 0 {
		return nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "package %q %q %q\n", p.ImportPath, p.Name, p.Dir)
	if p.Module != nil {
		fmt.Fprintf(h, "module %q %q %q\n", p.Module.Path, p.Module.Version, p.Module.GoVersion)
	}
	switch {
	case p.Standard:
		// GOROOT and GOVERSION are in the run's key.
	case modCache != "" && strings.HasPrefix(p.Dir, modCache+string(filepath.Separator)):
		// The module cache is read-only and its directories are named
		// by module version: the directory says what the files are.
		for _, list := range p.sources() {
			fmt.Fprintf(h, "files %q\n", list)
		}
	default:
		for i, list := range p.sources() {
			for _, name := range list {
				s, err := sum(filepath.Join(p.Dir, name))
				if err != nil {
					return nil
				}
				fmt.Fprintf(h, "file %d %q %x\n", i, name, s)
			}
		}
		for _, flags := range [][]string{p.CgoCFLAGS, p.CgoCPPFLAGS, p.CgoCXXFLAGS, p.CgoFFLAGS} {
			fmt.Fprintf(h, "flags %q\n", flags)
		}
	}
	for _, imp := range p.Imports {
		if imp == "C" {
			continue
		}
		k := keys[imp]
		if k == nil {
			return nil
		}
		fmt.Fprintf(h, "import %q %x\n", imp, k)
	}
	return h.Sum(nil)
}

// writeAnalyzers writes the analyzers' names and flag values to h.
func writeAnalyzers(h io.Writer, as []*analysis.Analyzer) {
	for _, a := range as {
		fmt.Fprintf(h, "analyzer %q\n", a.Name)
		a.Flags.VisitAll(func(f *flag.Flag) { fmt.Fprintf(h, "flag %q=%q\n", f.Name, f.Value.String()) })
	}
}

func hashFile(h hash.Hash, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fmt.Fprintf(h, "%q\n", path)
	_, err = io.Copy(h, f)
	return err
}

// goList runs `go list -deps` on patterns in dir with just the fields the
// key needs: it neither compiles nor runs cgo.
func goList(ctx context.Context, dir string, patterns []string, tests bool) ([]*listedPackage, error) {
	args := []string{"list", "-e", "-deps", "-json=" + listFields}
	if tests {
		args = append(args, "-test")
	}
	args = append(args, "--")
	args = append(args, patterns...)
	out, err := goCmd(ctx, dir, args...)
	if err != nil {
		return nil, err
	}
	var pkgs []*listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := &listedPackage{}
		if err := dec.Decode(p); err == io.EOF {
			return pkgs, nil
		} else if err != nil {
			return nil, err
		}
		pkgs = append(pkgs, p)
	}
}

// goEnv returns the go command's settings that the key includes.
func goEnv(ctx context.Context, dir string) (map[string]string, error) {
	out, err := goCmd(ctx, dir, append([]string{"env", "-json"}, goEnvVars...)...)
	if err != nil {
		return nil, err
	}
	env := map[string]string{}
	if err := json.Unmarshal(out, &env); err != nil {
		return nil, err
	}
	return env, nil
}

func goCmd(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s: %w: %s", args[0], err, firstLine(stderr.String()))
	}
	return out, nil
}
