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
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: grantguard access-report [flags] [path ...]\n\n"+
			"Replays the SQL migrations under the paths (default \".\") in migration order and reports\n"+
			"what every role can do: attributes, memberships, privileges, tier and violations.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, code, ok := parseArgs(fs, args)
	if !ok {
		return code
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
	files, err := lint.SQLFiles(lint.Options{Paths: paths, Config: cfg})
	if err != nil {
		fmt.Fprintf(stderr, "grantguard: %v\n", err)
		return exitError
	}
	ms := make([]access.Migration, 0, len(files))
	for _, f := range files {
		ms = append(ms, access.Migration{Path: f.Path, Src: f.Src})
	}
	rep, err := buildReport(access.Order(ms), files, cfg)
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

// buildReport is access.BuildReport, with a panic turned into an error: a
// bug met on some migration history is a clear exit 2, not a crash.
func buildReport(ms []access.Migration, files []*lint.File, cfg *lint.Config) (rep *access.Report, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error while replaying the migrations: %v", p)
		}
	}()
	rep = access.BuildReport(ms, rules.PolicyUser, rules.PolicyDatabase, cfg)
	rep.AddRowSecurity(files, cfg)
	return rep, nil
}
