package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/format"
	"github.com/grantguard/grantguard/lint/live"
	"github.com/grantguard/grantguard/lint/livedb"
	"github.com/grantguard/grantguard/rules"
)

// serverFlags are the flags of the commands that read a live server.
type serverFlags struct {
	dsn     string
	timeout time.Duration
}

func (sf *serverFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&sf.dsn, "dsn", "", "connection string or postgres:// URL of the server, without a password "+
		"(default: the PGHOST, PGPORT, PGUSER, PGDATABASE, ... environment; the password comes from PGPASSWORD or ~/.pgpass)")
	fs.DurationVar(&sf.timeout, "statement-timeout", livedb.DefaultStatementTimeout, "statement_timeout of each catalog query")
}

// read reads the server's state, printing the notes of what the role could
// not read to stderr. The error's message never holds the password.
func (sf *serverFlags) read(stderr io.Writer) (*live.State, error) {
	st, err := livedb.Read(context.Background(), livedb.Options{DSN: sf.dsn, StatementTimeout: sf.timeout})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "grantguard: read database %s on PostgreSQL %s as %s: %s, %s\n", st.Server.Database,
		st.Server.Version, st.Server.User, plural(len(st.Roles), "role"), plural(len(st.Objects), "object"))
	for _, n := range st.Notes {
		fmt.Fprintf(stderr, "grantguard: note: %s\n", n)
	}
	return st, nil
}

// runAudit is `grantguard audit`: the rules and the [roles] policy on the
// state of a running server, read-only.
func runAudit(args []string, stdout, stderr io.Writer) int {
	var sf serverFlags
	fs := flag.NewFlagSet("audit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sf.register(fs)
	var rf reportFlags
	rf.register(fs, "")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: grantguard audit [flags]\n\n"+
			"Reads roles, memberships, privileges, default privileges, routines, settings and pg_hba.conf\n"+
			"from a running PostgreSQL server in a read-only transaction and reports what the rules and the\n"+
			"[roles] policy find, each at the object it is about.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if paths, code, ok := parseArgs(fs, args); !ok {
		return code
	} else if len(paths) > 0 {
		fmt.Fprintf(stderr, "grantguard: audit takes no paths (got %q); grantguard drift compares the server with migrations\n", paths[0])
		return exitError
	}
	cfg, ok := rf.load(stderr)
	if !ok {
		return exitError
	}
	st, err := sf.read(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "grantguard: %v\n", err)
		return exitError
	}
	findings, notes := lint.Audit(st, cfg, rules.All)
	for _, n := range notes {
		fmt.Fprintf(stderr, "grantguard: note: %s\n", n)
	}
	return rf.write(findings, stdout, stderr)
}

// reportFlags are the flags of the commands that report the findings of
// one pass over a live server: audit and drift.
type reportFlags struct {
	format, output, config, failOnName, category string
	failOn                                       lint.Severity
}

// register adds the flags to fs; configHelp is added to the -config help.
func (rf *reportFlags) register(fs *flag.FlagSet, configHelp string) {
	fs.StringVar(&rf.format, "format", "text", "output format: "+strings.Join(format.Names(), ", "))
	fs.StringVar(&rf.output, "output", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&rf.config, "config", "", "config `FILE` (default .grantguard.toml in the current directory, if present)"+configHelp)
	fs.StringVar(&rf.failOnName, "fail-on", "warning", "lowest severity that makes the exit code 1: error, warning, note or never")
	fs.StringVar(&rf.category, "category", "", "SARIF analysis category `NAME` (automationDetails.id grantguard/NAME/)")
}

// load checks the parsed flags and reads the config; on a mistake it
// says what is wrong on stderr and returns false.
func (rf *reportFlags) load(stderr io.Writer) (*lint.Config, bool) {
	if _, ok := format.Lookup(rf.format); !ok {
		fmt.Fprintf(stderr, "grantguard: unknown --format %q (want %s)\n", rf.format, strings.Join(format.Names(), ", "))
		return nil, false
	}
	failOn, err := parseFailOn(rf.failOnName)
	if err != nil {
		fmt.Fprintf(stderr, "grantguard: %v\n", err)
		return nil, false
	}
	rf.failOn = failOn
	cfg, err := loadConfig(rf.config)
	if err != nil {
		fmt.Fprintf(stderr, "grantguard: %v\n", err)
		return nil, false
	}
	return cfg, true
}

// write writes findings in the chosen format to the chosen output
// (stdout when none) and returns the exit code for -fail-on.
func (rf *reportFlags) write(findings []lint.Finding, stdout, stderr io.Writer) int {
	out := &reportOutput{w: stdout, path: rf.output}
	report, _ := format.NewStream(rf.format, out, rules.All, format.Info{
		ToolName: "grantguard", Version: version,
		InformationURI: "https://github.com/grantguard/grantguard",
		Category:       rf.category,
	})
	var err error
	if len(findings) > 0 {
		err = report.Write(findings)
	}
	if err == nil {
		err = report.Close()
	}
	if cerr := out.close(err == nil); err == nil {
		err = cerr
	}
	if err != nil {
		var we *writeError
		if !errors.As(err, &we) {
			err = &writeError{err}
		}
		fmt.Fprintf(stderr, "grantguard: %v\n", err)
		return exitError
	}
	for _, f := range findings {
		if rf.failOn > 0 && f.Severity >= rf.failOn {
			return exitFindings
		}
	}
	return exitOK
}
