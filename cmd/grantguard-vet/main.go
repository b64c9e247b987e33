// Command grantguard-vet runs grantguard's Go analyzers as a go vet tool:
//
//	go install github.com/grantguard/grantguard/cmd/grantguard-vet@latest
//	go vet -vettool=$(which grantguard-vet) ./...
//
// Run directly (grantguard-vet ./...) it loads the packages itself, and
// exits 3 when it reports findings (go vet itself exits 1).
//
// Each package reads the .grantguard.toml nearest to its directory, up to
// its module root; -config names one file for all (a relative path is
// looked for in the working directory, then at the module root, since go
// vet runs the tool from each package's directory). Findings on a line
// with, or below, a `//grantguard:ignore RULE reason` or
// `//nolint:grantguard` comment are not reported.
//
// The -c flag (print source lines around each finding) is not honoured,
// and -diff (print the suggested fixes as a diff) is refused: the lines
// they print are not redacted, and may hold the password a finding is
// about. -fix applies the suggested fixes; grantguard check --diff
// previews them with secrets redacted.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/grantguard/grantguard/analyzers"
	"github.com/grantguard/grantguard/analyzers/diag"
	"github.com/grantguard/grantguard/lint/configfile"
	"github.com/grantguard/grantguard/rules"
)

func main() {
	set := &diag.Settings{Discover: true}
	cf := &configFlag{set: set}
	if unit, ok := readVetUnit(os.Args); ok {
		// go vet runs the tool once per package, dependencies included,
		// from the package's directory. A dependency is analyzed for facts
		// only, and nothing is reported for it: no config is read for it.
		cf.base = diag.ModuleRoot(unit.Dir)
		cf.factsOnly = unit.VetxOnly
		set.Discover = !unit.VetxOnly
	}
	flag.Var(cf, "config", "grantguard config `FILE` (.grantguard.toml; default: the nearest one up to the module root)")
	os.Args = withoutContextFlag(os.Args)
	if hasDiffFlag(os.Args) {
		fmt.Fprintln(os.Stderr, "grantguard-vet: -diff is not supported: the lines it prints are not redacted and may hold a password; preview fixes with grantguard check --diff")
		os.Exit(2)
	}
	// multichecker speaks go vet's unitchecker protocol when go vet runs
	// it, and loads packages itself otherwise.
	multichecker.Main(analyzers.New(set)...)
}

// withoutContextFlag drops -c / -c=N (source lines around each finding),
// which would print secrets the findings are about without redaction.
func withoutContextFlag(args []string) []string {
	out := args[:1:1]
	for i := 1; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-c" || a == "--c":
			if i+1 < len(args) {
				if _, err := strconv.Atoi(args[i+1]); err == nil {
					i++ // the count, written as a separate argument
				}
			}
			continue
		case strings.HasPrefix(a, "-c=") || strings.HasPrefix(a, "--c="):
			continue
		}
		out = append(out, a)
	}
	return out
}

// hasDiffFlag reports whether args ask for -diff (-diff, --diff,
// -diff=true), up to the first argument that is not a flag.
func hasDiffFlag(args []string) bool {
	for _, a := range args[1:] {
		if !strings.HasPrefix(a, "-") || a == "--" {
			return false
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name == "diff" {
			if !hasVal {
				return true
			}
			b, err := strconv.ParseBool(val)
			return err != nil || b
		}
	}
	return false
}

// configFlag loads the config into the settings the analyzers share when
// the flag is parsed, before any analyzer runs.
type configFlag struct {
	set  *diag.Settings
	path string
	// base is the module root a relative path is resolved against when it
	// is not in the working directory; "" means the working directory's.
	base string
	// factsOnly is set when go vet runs the tool on a dependency.
	factsOnly bool
}

func (c *configFlag) String() string { return c.path }

// Set reads the config. A config that cannot be read ends the run here
// with exit status 2: returned as an error, the flag package would print
// the usage of every analyzer flag after it.
func (c *configFlag) Set(path string) error {
	c.path = path
	if c.factsOnly {
		return nil
	}
	resolved := diag.ResolveConfigPath(path)
	if c.base != "" && !filepath.IsAbs(path) {
		if _, err := os.Stat(path); err != nil {
			resolved = filepath.Join(c.base, path)
		}
	}
	cfg, err := configfile.Load(resolved, rules.All.IDs())
	if err != nil {
		fmt.Fprintf(os.Stderr, "grantguard-vet: -config: %v\n", err)
		os.Exit(2)
	}
	c.set.Config = cfg
	return nil
}

// vetUnit is the part of go vet's per-package configuration file (the
// tool's last argument, NAME.cfg) the tool needs before its flags are
// parsed.
type vetUnit struct {
	Dir      string
	VetxOnly bool
}

// readVetUnit reads go vet's configuration file when go vet runs the tool.
func readVetUnit(args []string) (vetUnit, bool) {
	if len(args) < 2 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return vetUnit{}, false
	}
	data, err := os.ReadFile(args[len(args)-1])
	if err != nil {
		return vetUnit{}, false
	}
	var u vetUnit
	if json.Unmarshal(data, &u) != nil || u.Dir == "" {
		return vetUnit{}, false
	}
	return u, true
}
