package golangci_test

import (
	"os"
	"path/filepath"
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

// writeFiles writes files (path → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Without a config setting, each package reads the .grantguard.toml
// nearest to it: here one that disables hardcoded-password for package
// quiet, while package loud, beside no config, is reported.
func TestConfigDiscovered(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"src/quiet/.grantguard.toml": "[rules]\ndisable = [\"hardcoded-password\"]\n",
		"src/quiet/quiet.go":         "package quiet\n\nconst dbPassword = \"hunter2hunter2\"\n",
		"src/loud/loud.go":           "package loud\n\nconst dbPassword = \"hunter2hunter2\" // want `dbPassword is set to a literal password`\n",
	})
	for _, a := range build(t, nil) {
		if a.Name == "hardcodedpassword" {
			analysistest.Run(t, dir, a, "quiet", "loud")
		}
	}
}

// A relative config path is found from a package's directory, where
// editors run golangci-lint: at the module root.
func TestConfigRelativeToModuleRoot(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"go.mod":            "module example.com/m\n\ngo 1.22\n",
		".grantguard.toml":  "[rules]\ndisable = [\"missing-sslmode\"]\n",
		"internal/db/db.go": "package db\n",
	})
	t.Chdir(filepath.Join(dir, "internal", "db"))
	newPlugin, err := register.GetPlugin(golangci.Name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := newPlugin(map[string]any{"config": ".grantguard.toml"}); err != nil {
		t.Errorf("config relative to the module root not found from a package directory: %v", err)
	}
	if _, err := newPlugin(map[string]any{"config": "absent.toml"}); err == nil || !strings.Contains(err.Error(), "absent.toml") {
		t.Errorf("missing config: err = %v, want one naming the file", err)
	}
}
