package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/grantguard/grantguard/analyzers"
	"github.com/grantguard/grantguard/analyzers/diag"
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/configfile"
	"github.com/grantguard/grantguard/lint/format"
	"github.com/grantguard/grantguard/lint/gofront"
	"github.com/grantguard/grantguard/rules"
)

// version is the semantic version of this build.
const version = "0.1.0"

// Exit codes (README, Usage): 1 when a finding is at or above --fail-on, 2
// when the run itself fails.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

const usage = `grantguard: a static policy linter for PostgreSQL access control

Usage:
  grantguard check [flags] [path ...]   lint files and directories (default ".")
  grantguard init [FILE]                write a commented starter .grantguard.toml
  grantguard access-report [path ...]   access review of the SQL migrations (markdown, json, csv, html); --dsn: of a live server
  grantguard audit [--dsn DSN]          the rules and the [roles] policy on a running PostgreSQL (read-only)
  grantguard drift [--dsn DSN] [path ...]  what the server has that the migrations do not give, and the reverse
  grantguard lsp                        language server over stdio, for editors
  grantguard cache clean|status         empty the Go analysis cache, or show where it is
  grantguard rules                      list the rules
  grantguard explain RULE               show a rule's documentation
  grantguard version                    print the version

Run "grantguard check -h" for the check flags.
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError
	}
	switch args[0] {
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "init":
		return runInit(args[1:], stdout, stderr)
	case "access-report":
		return runAccessReport(args[1:], stdout, stderr)
	case "audit":
		return runAudit(args[1:], stdout, stderr)
	case "drift":
		return runDrift(args[1:], stdout, stderr)
	case "lsp":
		return runLSP(args[1:], os.Stdin, stdout, stderr)
	case "cache":
		return runCache(args[1:], stdout, stderr)
	case "rules":
		return runRules(stdout)
	case "explain":
		if len(args) != 2 {
			fmt.Fprintln(stderr, "usage: grantguard explain RULE")
			return exitError
		}
		r := rules.All.Lookup(args[1])
		if r == nil {
			if s := configfile.Suggest(args[1], rules.All.IDs()); s != "" {
				fmt.Fprintf(stderr, "grantguard: unknown rule %q (did you mean %q?)\n", args[1], s)
			} else {
				fmt.Fprintf(stderr, "grantguard: unknown rule %q (see grantguard rules)\n", args[1])
			}
			return exitError
		}
		fmt.Fprint(stdout, rules.Explain(r))
		return exitOK
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "grantguard %s%s (%s)\n", version, buildRevision(), runtime.Version())
		return exitOK
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "grantguard: unknown command %q\n\n%s", args[0], usage)
	return exitError
}

func buildRevision() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return " " + s.Value[:12]
			}
		}
	}
	return ""
}

func runRules(stdout io.Writer) int {
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tTITLE")
	for _, r := range rules.All {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Title)
	}
	if err := tw.Flush(); err != nil {
		return exitError
	}
	return exitOK
}

type checkFlags struct {
	format, output, config, failOn, category, history string
	tests                                             bool
	jobs                                              int
	adopt                                             adoption
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	var cf checkFlags
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cf.format, "format", "text", "output format: "+strings.Join(format.Names(), ", ")+" (github: workflow-command annotations)")
	fs.StringVar(&cf.output, "output", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&cf.config, "config", "", "config `FILE` (default .grantguard.toml in the current directory, if present)")
	fs.StringVar(&cf.failOn, "fail-on", "warning", "lowest severity that makes the exit code 1: error, warning, note or never")
	fs.BoolVar(&cf.tests, "tests", false, "also lint Go _test.go files and files in test and fixture paths (test/, tests/, regress/, fixtures/, test_*, ...)")
	fs.StringVar(&cf.history, "history", "", "`every`: report each statement of a migration history, even where a later migration undoes its problem (default: only what the history leaves in place)")
	fs.IntVar(&cf.jobs, "jobs", runtime.NumCPU(), "number of files linted in parallel")
	fs.StringVar(&cf.adopt.baseline, "baseline", "", "hide the findings recorded in baseline `FILE`")
	fs.StringVar(&cf.adopt.writeBaseline, "write-baseline", "", "record the current findings in baseline `FILE` (then report none)")
	fs.StringVar(&cf.adopt.newFromRev, "new-from-rev", "", "report only findings on lines added or changed since git revision `REV`")
	fs.StringVar(&cf.category, "category", "", "SARIF analysis category `NAME` (automationDetails.id grantguard/NAME/), to tell several uploads for one commit apart")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: grantguard check [flags] [path ...]\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if _, ok := format.Lookup(cf.format); !ok {
		fmt.Fprintf(stderr, "grantguard: unknown --format %q (want %s)\n", cf.format, strings.Join(format.Names(), ", "))
		return exitError
	}
	failOn, err := parseFailOn(cf.failOn)
	if err != nil {
		fmt.Fprintf(stderr, "grantguard: %v\n", err)
		return exitError
	}
	if cf.jobs < 1 {
		fmt.Fprintf(stderr, "grantguard: --jobs must be at least 1, got %d\n", cf.jobs)
		return exitError
	}
	if cf.history != "" && cf.history != "every" && cf.history != "final" {
		fmt.Fprintf(stderr, "grantguard: unknown --history %q (want every or final)\n", cf.history)
		return exitError
	}
	cfg, err := loadConfig(cf.config)
	if err != nil {
		fmt.Fprintf(stderr, "grantguard: %v\n", err)
		return exitError
	}
	if cf.history != "" {
		cfg.HistoryEvery = cf.history == "every"
	}
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "grantguard: %v\n", err)
		return exitError
	}
	adopt, err := cf.adopt.prepare(context.Background(), wd)
	if err != nil {
		fmt.Fprintf(stderr, "grantguard: %v\n", err)
		return exitError
	}
	// The report is written file by file as the run goes (see
	// lint.Options.Emit), so a large tree never sits in memory; --output
	// is created only when the first piece is written.
	out := &reportOutput{w: stdout, path: cf.output}
	report, _ := format.NewStream(cf.format, out, rules.All, format.Info{
		ToolName: "grantguard", Version: version,
		InformationURI: "https://github.com/grantguard/grantguard",
		SrcRoot:        wd,
		Category:       cf.category,
	})
	filter := cf.adopt.filter(adopt, wd)
	progress := newProgress(stderr)
	failed := false
	emit := func(findings []lint.Finding) error {
		findings = filter.apply(findings)
		if len(findings) == 0 {
			return nil
		}
		for _, f := range findings {
			failed = failed || failOn > 0 && f.Severity >= failOn
		}
		// stdout may be the same terminal as the progress line on stderr.
		if err := progress.while(func() error { return report.Write(findings) }); err != nil {
			return &writeError{err}
		}
		return nil
	}
	var skip []string
	if cf.output != "" {
		// The report is written while the tree is walked: never lint it.
		skip = append(skip, absPath(wd, cf.output))
	}
	res, err := lint.Run(context.Background(), lint.Options{
		Paths: paths, Config: cfg, Catalogue: rules.All, History: rules.History, Jobs: cf.jobs, Tests: cf.tests, WorkDir: wd,
		Progress:  progress.update,
		Emit:      emit,
		SkipFiles: skip,
		// Unfiltered: the engine applies config and suppression to Go findings too.
		Analyzers: analyzers.New(&diag.Settings{Config: cfg, Catalogue: rules.All, Unfiltered: true}),
		GoCache:   gofront.OpenDefaultCache(),
	})
	progress.clear()
	if err == nil {
		for _, s := range res.Skipped {
			fmt.Fprintf(stderr, "grantguard: %s: %s\n", s.Path, s.Reason)
		}
		printLeftOut(stderr, res)
		if err = filter.finish(stderr); err == nil {
			if err = report.Close(); err != nil {
				err = &writeError{err}
			}
		}
	}
	if cerr := out.close(err == nil); err == nil && cerr != nil {
		err = &writeError{cerr}
	}
	if err != nil {
		var we *writeError
		if errors.As(err, &we) {
			fmt.Fprintf(stderr, "grantguard: writing report: %v\n", we.err)
		} else {
			fmt.Fprintf(stderr, "grantguard: %v\n", err)
		}
		return exitError
	}
	if failed {
		return exitFindings
	}
	return exitOK
}

// printLeftOut tells what the run left out without a finding: .sql files
// of other SQL dialects and test and fixture files, one line each.
func printLeftOut(w io.Writer, res *lint.Result) {
	if len(res.OtherDialects) > 0 {
		total := 0
		var parts []string
		for _, d := range slices.Sorted(maps.Keys(res.OtherDialects)) {
			total += res.OtherDialects[d]
			parts = append(parts, fmt.Sprintf("%s %d", d, res.OtherDialects[d]))
		}
		fmt.Fprintf(w, "grantguard: left out %s of other SQL dialects (%s); [sql] postgres in the config lints such files as PostgreSQL\n",
			plural(total, ".sql file"), strings.Join(parts, ", "))
	}
	if res.TestFiles > 0 {
		fmt.Fprintf(w, "grantguard: left out %s in test and fixture paths; --tests lints them\n", plural(res.TestFiles, "file"))
	}
}

// absPath is p made absolute against wd, cleaned.
func absPath(wd, p string) string {
	if !filepath.IsAbs(p) {
		p = filepath.Join(wd, p)
	}
	return filepath.Clean(p)
}

// writeError is a failure to write the report, told apart from a failure
// of the run.
type writeError struct{ err error }

func (e *writeError) Error() string { return "writing report: " + e.err.Error() }

// reportOutput is where the report goes: w, or the file at path, created
// on the first write so that a run that fails before writing anything
// leaves no file behind.
type reportOutput struct {
	w    io.Writer
	path string
	file *os.File
}

func (o *reportOutput) Write(p []byte) (int, error) {
	if o.path != "" && o.file == nil {
		f, err := os.Create(o.path)
		if err != nil {
			return 0, err
		}
		o.file, o.w = f, f
	}
	return o.w.Write(p)
}

// close closes the file; after a successful run it also creates it when
// the report was empty (a clean text report is no bytes, but still a file).
func (o *reportOutput) close(ok bool) error {
	if o.file == nil {
		if !ok || o.path == "" {
			return nil
		}
		if _, err := o.Write(nil); err != nil {
			return err
		}
	}
	return o.file.Close()
}

// parseArgs parses flags that may come before, between or after the
// paths, as in "grantguard check ./migrations --format sarif", and returns
// the paths. When it returns ok false, the command ends with code (0 for
// -help, 2 for a bad flag; the flag package has printed why).
func parseArgs(fs *flag.FlagSet, args []string) (paths []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK, false
			}
			return nil, exitError, false
		}
		if fs.NArg() == 0 {
			return paths, 0, true
		}
		paths = append(paths, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// parseFailOn reads --fail-on; "never" is returned as 0.
func parseFailOn(s string) (lint.Severity, error) {
	if s == "never" {
		return 0, nil
	}
	sev, err := lint.ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("--fail-on: unknown value %q (want error, warning, note or never)", s)
	}
	return sev, nil
}

// loadConfig reads the config named by --config, else .grantguard.toml in
// the current directory when there is one, else the defaults.
func loadConfig(path string) (*lint.Config, error) {
	if path == "" {
		if _, err := os.Stat(".grantguard.toml"); err != nil {
			return lint.DefaultConfig(), nil
		}
		path = ".grantguard.toml"
	}
	cfg, err := configfile.Load(path, rules.All.IDs())
	if err != nil {
		return nil, err
	}
	if !filepath.IsAbs(cfg.Dir) {
		cfg.Dir, _ = filepath.Abs(cfg.Dir)
	}
	return cfg, nil
}
