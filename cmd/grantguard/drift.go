package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/access"
	"github.com/grantguard/grantguard/lint/format"
	"github.com/grantguard/grantguard/rules"
)

// runDrift is `grantguard drift`: the server's roles and privileges
// against the SQL migrations under the paths.
func runDrift(args []string, stdout, stderr io.Writer) int {
	var sf serverFlags
	fs := flag.NewFlagSet("drift", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sf.register(fs)
	formatName := fs.String("format", "text", "output format: "+strings.Join(format.Names(), ", "))
	output := fs.String("output", "", "write the report to `FILE` instead of standard output")
	config := fs.String("config", "", "config `FILE` (default .grantguard.toml in the current directory, if present); [drift] scopes the comparison")
	failOnFlag := fs.String("fail-on", "warning", "lowest severity that makes the exit code 1: error, warning, note or never")
	category := fs.String("category", "", "SARIF analysis category `NAME` (automationDetails.id grantguard/NAME/)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: grantguard drift [flags] [path ...]\n\n"+
			"Replays the SQL migrations under the paths (default \".\") in migration order, reads the server\n"+
			"(read-only), and reports unrecorded-access for roles, attributes, memberships and privileges the\n"+
			"server has that no migration gives, and missing-access for what the migrations give that it lacks.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, code, ok := parseArgs(fs, args)
	if !ok {
		return code
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
	ms, err := migrations(paths, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "grantguard: %v\n", err)
		return exitError
	}
	if len(ms) == 0 {
		fmt.Fprintf(stderr, "grantguard: no .sql migrations under %s: nothing to compare the server with\n", strings.Join(orDot(paths), ", "))
		return exitError
	}
	st, err := sf.read(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "grantguard: %v\n", err)
		return exitError
	}
	findings, err := safely(func() []lint.Finding { return rules.Drift(st, ms, cfg) })
	if err != nil {
		fmt.Fprintf(stderr, "grantguard: %v\n", err)
		return exitError
	}
	return writeFindings(findings, *formatName, *output, *category, failOn, stdout, stderr)
}

// migrations reads the SQL files under paths, in migration order.
func migrations(paths []string, cfg *lint.Config) ([]access.Migration, error) {
	files, err := lint.SQLFiles(lint.Options{Paths: paths, Config: cfg})
	if err != nil {
		return nil, err
	}
	ms := make([]access.Migration, 0, len(files))
	for _, f := range files {
		ms = append(ms, access.Migration{Path: f.Path, Src: f.Src})
	}
	return access.Order(ms), nil
}

func orDot(paths []string) []string {
	if len(paths) == 0 {
		return []string{"."}
	}
	return paths
}

// safely runs f, turning a panic into an error: a bug met on some
// migration history or server is a clear exit 2, not a crash.
func safely(f func() []lint.Finding) (out []lint.Finding, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error while comparing the server with the migrations: %v", p)
		}
	}()
	return f(), nil
}
