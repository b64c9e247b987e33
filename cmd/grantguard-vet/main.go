// Command grantguard-vet runs grantguard's Go analyzers as a go vet tool:
//
//	go install github.com/grantguard/grantguard/cmd/grantguard-vet@latest
//	go vet -vettool=$(which grantguard-vet) ./...
//
// Run directly (grantguard-vet ./...) it loads the packages itself. The
// -config flag reads a .grantguard.toml (exempt hosts, disabled rules,
// superuser roles); findings on a line with, or below, a
// `//grantguard:ignore RULE reason` or `//nolint:grantguard[:RULE]`
// comment are not reported.
package main

import (
	"flag"
	"path/filepath"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/grantguard/grantguard/analyzers"
	"github.com/grantguard/grantguard/analyzers/diag"
	"github.com/grantguard/grantguard/lint/configfile"
	"github.com/grantguard/grantguard/rules"
)

func main() {
	set := &diag.Settings{}
	flag.Var(&configFlag{set: set}, "config", "grantguard config `FILE` (.grantguard.toml)")
	// multichecker speaks go vet's unitchecker protocol when go vet runs
	// it, and loads packages itself otherwise.
	multichecker.Main(analyzers.New(set)...)
}

// configFlag loads the config into the settings the analyzers share when
// the flag is parsed, before any analyzer runs.
type configFlag struct {
	set  *diag.Settings
	path string
}

func (c *configFlag) String() string { return c.path }

func (c *configFlag) Set(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	cfg, err := configfile.Load(abs, rules.All.IDs())
	if err != nil {
		return err
	}
	c.path, c.set.Config = path, cfg
	return nil
}
