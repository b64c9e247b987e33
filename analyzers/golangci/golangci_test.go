package golangci_test

import (
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/grantguard/grantguard/analyzers/golangci"
)

func build(t *testing.T, settings any) []*analysis.Analyzer {
	t.Helper()
	newPlugin, err := register.GetPlugin(golangci.Name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(settings)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", got, register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if err := analysis.Validate(as); err != nil {
		t.Fatal(err)
	}
	return as
}

// TestBuildAnalyzers runs every analyzer the plugin builds on a fixture
// named after it, so a plugin that returned a broken or empty set fails.
func TestBuildAnalyzers(t *testing.T) {
	as := build(t, nil)
	names := map[string]bool{}
	for _, a := range as {
		names[a.Name] = true
		if !strings.HasPrefix(a.Doc, a.Name+": ") {
			t.Errorf("%s: Doc does not start with its name: %q", a.Name, a.Doc)
		}
		t.Run(a.Name, func(t *testing.T) {
			analysistest.Run(t, analysistest.TestData(), a, a.Name)
		})
	}
	for _, want := range []string{"connstring", "hardcodedpassword", "insecuretls", "embeddedsql"} {
		if !names[want] {
			t.Errorf("BuildAnalyzers lacks %s", want)
		}
	}
}

// TestSettings checks that disable and exempt-hosts from .golangci.yml
// reach the analyzers.
func TestSettings(t *testing.T) {
	as := build(t, map[string]any{"disable": []any{"missing-sslmode"}, "exempt-hosts": []any{"db.local"}})
	for _, a := range as {
		analysistest.Run(t, analysistest.TestData(), a, "disabled")
	}
}

func TestBadSettings(t *testing.T) {
	newPlugin, err := register.GetPlugin(golangci.Name)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []any{
		map[string]any{"disabel": []any{"grant-all"}},
		map[string]any{"disable": []any{"grant-alll"}},
		map[string]any{"config": "does-not-exist.toml"},
	} {
		if _, err := newPlugin(s); err == nil {
			t.Errorf("settings %v: no error", s)
		}
	}
}
