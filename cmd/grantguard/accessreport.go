package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/access"
	"github.com/grantguard/grantguard/rules"
)

// runAccessReport is `grantguard access-report`: the static access review
// of the SQL migrations under the paths.
func runAccessReport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("access-report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", access.Formats[0], "output format: "+strings.Join(access.Formats, ", "))
	output := fs.String("output", "", "write the report to `FILE` instead of standard output")
	config := fs.String("config", "", "config `FILE` (default .grantguard.toml in the current directory, if present); its [roles] give tiers and violations")
	var sf serverFlags
	sf.register(fs)
	fromServer := false
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: grantguard access-report [flags] [path ...]\n"+
			"       grantguard access-report --dsn DSN [flags]\n\n"+
			"Replays the SQL migrations under the paths (default \".\") in migration order, or reads a running\n"+
			"server (--dsn, or PGHOST and the other PG* variables with --dsn \"\"), and reports what every role\n"+
			"can do: attributes, memberships, privileges, tier and violations.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	fs.Visit(func(f *flag.Flag) { fromServer = fromServer || f.Name == "dsn" })
	if fromServer && len(paths) > 0 {
		fmt.Fprintf(stderr, "grantguard: access-report reads either the migrations under paths or a server (--dsn), not both\n")
		return exitError
	}
	known := false
	for _, f := range access.Formats {
		known = known || f == *format
	}
	if !known {
		fmt.Fprintf(stderr, "grantguard: unknown --format %q (want %s)\n", *format, strings.Join(access.Formats, ", "))
		return exitError
	}
	cfg, err := loadConfig(*config)
	if err != nil {
		fmt.Fprintf(stderr, "grantguard: %v\n", err)
		return exitError
	}
	var rep *access.Report
	if fromServer {
		st, rerr := sf.read(stderr)
		if rerr != nil {
			fmt.Fprintf(stderr, "grantguard: %v\n", rerr)
			return exitError
		}
		server := fmt.Sprintf("PostgreSQL %s as `%s`", st.Server.Version, st.Server.User)
		rep, err = buildReportWith(func() *access.Report { return access.BuildLiveReport(access.FromState(st), server, cfg) })
	} else {
		files, ferr := lint.SQLFiles(lint.Options{Paths: paths, Config: cfg})
		if ferr != nil {
			fmt.Fprintf(stderr, "grantguard: %v\n", ferr)
			return exitError
		}
		ms := make([]access.Migration, 0, len(files))
		for _, f := range files {
			ms = append(ms, access.Migration{Path: f.Path, Src: f.Src})
		}
		rep, err = buildReportWith(func() *access.Report {
			rep := access.BuildReport(access.Order(ms), rules.PolicyUser, rules.PolicyDatabase, cfg)
			rep.AddRowSecurity(files, cfg)
			return rep
		})
	}
	if err != nil {
		fmt.Fprintf(stderr, "grantguard: %v\n", err)
		return exitError
	}
	out := stdout
	var file *os.File
	if *output != "" {
		if file, err = os.Create(*output); err != nil {
			fmt.Fprintf(stderr, "grantguard: %v\n", err)
			return exitError
		}
		out = file
	}
	werr := access.Write(out, *format, rep)
	if file != nil {
		if cerr := file.Close(); werr == nil {
			werr = cerr
		}
	}
	if werr != nil {
		fmt.Fprintf(stderr, "grantguard: writing report: %v\n", werr)
		return exitError
	}
	return exitOK
}

// buildReportWith runs build, with a panic turned into an error: a bug met
// on some migration history or server is a clear exit 2, not a crash.
func buildReportWith(build func() *access.Report) (rep *access.Report, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error while building the access review: %v", p)
		}
	}()
	return build(), nil
}
