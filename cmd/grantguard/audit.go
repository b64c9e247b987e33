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
	formatName := fs.String("format", "text", "output format: "+strings.Join(format.Names(), ", "))
	output := fs.String("output", "", "write the report to `FILE` instead of standard output")
	config := fs.String("config", "", "config `FILE` (default .grantguard.toml in the current directory, if present)")
	failOnFlag := fs.String("fail-on", "warning", "lowest severity that makes the exit code 1: error, warning, note or never")
	category := fs.String("category", "", "SARIF analysis category `NAME` (automationDetails.id grantguard/NAME/)")
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
	if _, ok := format.Lookup(*formatName); !ok {
		fmt.Fprintf(stderr, "grantguard: unknown --format %q (want %s)\n", *formatName, strings.Join(format.Names(), ", "))
		return exitError
	}
	failOn, err := parseFailOn(*failOnFlag)
	if err != nil {
		fmt.Fprintf(stderr, "grantguard: %v\n", err)
		return exitError
	}
	cfg, err := loadConfig(*config)
	if err != nil {
		fmt.Fprintf(stderr, "grantguard: %v\n", err)
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
	return writeFindings(findings, *formatName, *output, *category, failOn, stdout, stderr)
}

// writeFindings writes findings in format to output (stdout when "") and
// returns the exit code for failOn.
func writeFindings(findings []lint.Finding, formatName, output, category string, failOn lint.Severity, stdout, stderr io.Writer) int {
	out := &reportOutput{w: stdout, path: output}
	report, _ := format.NewStream(formatName, out, rules.All, format.Info{
		ToolName: "grantguard", Version: version,
		InformationURI: "https://github.com/grantguard/grantguard",
		Category:       category,
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
		if failOn > 0 && f.Severity >= failOn {
			return exitFindings
		}
	}
	return exitOK
}
