package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/access"
	"github.com/grantguard/grantguard/rules"
)

// runDrift is `grantguard drift`: the server's roles and privileges
// against the SQL migrations under the paths.
func runDrift(args []string, stdout, stderr io.Writer) int {
	var sf serverFlags
	fs := flag.NewFlagSet("drift", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sf.register(fs)
	var rf reportFlags
	rf.register(fs, "; [drift] scopes the comparison")
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
	cfg, ok := rf.load(stderr)
	if !ok {
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
	return rf.write(findings, stdout, stderr)
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
