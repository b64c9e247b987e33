// Package golangci is grantguard's golangci-lint v2 module plugin. Build a
// custom golangci-lint that includes it with `golangci-lint custom` and a
// .custom-gcl.yml naming this package, then enable the "grantguard"
// linter in .golangci.yml (see the README for both files):
//
//	linters:
//	  enable: [grantguard]
//	  settings:
//	    custom:
//	      grantguard:
//	        type: module
//	        settings:
//	          config: .grantguard.toml        # optional
//	          disable: [missing-sslmode]      # optional
//	          exempt-hosts: [db.local]        # optional
package golangci

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/grantguard/grantguard/analyzers"
	"github.com/grantguard/grantguard/analyzers/diag"
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/configfile"
	"github.com/grantguard/grantguard/rules"
)

// Name is the linter's name in .golangci.yml and in //nolint comments.
const Name = "grantguard"

// golangci-lint finds module plugins only through this registration,
// which its generated main triggers with a blank import.
func init() {
	register.Plugin(Name, New)
}

// Settings are the plugin's settings in .golangci.yml.
type Settings struct {
	// Config is a .grantguard.toml to read for every package. A relative
	// path is looked for in golangci-lint's working directory, then at the
	// module root. Without it, each package reads the .grantguard.toml
	// nearest to its directory, up to its module root.
	Config string `json:"config"`
	// Disable lists rule IDs not to report.
	Disable []string `json:"disable"`
	// ExemptHosts replaces the hosts the sslmode rules skip.
	ExemptHosts []string `json:"exempt-hosts"`
}

// Plugin is the grantguard linter.
type Plugin struct {
	set diag.Settings
}

// New builds the plugin from its settings.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("grantguard: %w", err)
	}
	for _, id := range s.Disable {
		if rules.All.Lookup(id) == nil {
			return nil, fmt.Errorf("grantguard: settings: disable: unknown rule %q", id)
		}
	}
	if s.Config == "" && len(s.Disable) == 0 && s.ExemptHosts == nil {
		return &Plugin{set: diag.Settings{Catalogue: rules.All, Discover: true}}, nil
	}
	cfg := lint.DefaultConfig()
	if s.Config != "" {
		if cfg, err = configfile.Load(diag.ResolveConfigPath(s.Config), rules.All.IDs()); err != nil {
			return nil, fmt.Errorf("grantguard: %w", err)
		}
	}
	for _, id := range s.Disable {
		cfg.Disabled[id] = true
	}
	if s.ExemptHosts != nil {
		cfg.ExemptHosts = s.ExemptHosts
	}
	return &Plugin{set: diag.Settings{Config: cfg, Catalogue: rules.All}}, nil
}

// BuildAnalyzers returns grantguard's analyzers.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return analyzers.New(&p.set), nil
}

// GetLoadMode asks for type information: the TLS and embedded-SQL checks
// resolve types.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
