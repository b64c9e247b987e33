package main

import (
	"cmp"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// TestNeovim opens a migration in a headless Neovim that starts
// `grantguard lsp`, and reads back the diagnostics Neovim received.
// Neovim's columns are bytes, converted from the server's UTF-16 ones.
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim is not installed (Debian: apt-get install neovim); the Neovim client is not tested")
	}
	bin := filepath.Join(grantguardBin(t), "grantguard")
	script, err := filepath.Abs("testdata/lsp/diagnostics.lua")
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	file := filepath.Join(root, "db", "001_init.sql")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	src := "CREATE ROLE app LOGIN PASSWORD 'hunter2-secret';\n/* 𝄞 é */ GRANT ALL ON TABLE orders TO app;\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(root, "diagnostics.json")
	cmd := exec.Command(nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile "+script, file)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GG_BIN="+bin, "GG_ROOT="+root, "GG_OUT="+out, "HOME="+root, "XDG_STATE_HOME="+root, "XDG_CACHE_HOME="+root)
	cmd.WaitDelay = 5 * time.Second
	done := make(chan error, 1)
	var output []byte
	go func() {
		var err error
		output, err = cmd.CombinedOutput()
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("nvim: %v\n%s", err, output)
		}
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("nvim did not quit\n%s", output)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("nvim wrote no diagnostics: %v\n%s", err, output)
	}
	type diag struct {
		Lnum, Col, EndLnum, EndCol, Severity int
		Code, Source, Message                string
	}
	var got struct {
		OK          bool `json:"ok"`
		Diagnostics []struct {
			Lnum     int    `json:"lnum"`
			Col      int    `json:"col"`
			EndLnum  int    `json:"end_lnum"`
			EndCol   int    `json:"end_col"`
			Severity int    `json:"severity"`
			Code     string `json:"code"`
			Source   string `json:"source"`
			Message  string `json:"message"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	if !got.OK {
		t.Fatalf("no diagnostics within the wait\n%s", output)
	}
	var ds []diag
	for _, d := range got.Diagnostics {
		ds = append(ds, diag{d.Lnum, d.Col, d.EndLnum, d.EndCol, d.Severity, d.Code, d.Source, d.Message})
	}
	slices.SortFunc(ds, func(a, b diag) int { return cmp.Or(cmp.Compare(a.Lnum, b.Lnum), cmp.Compare(a.Col, b.Col)) })
	want := []diag{
		{0, 32, 0, 46, 1, "hardcoded-password", "grantguard", "CREATE ROLE app sets a literal password (hu***)"},
		// ALL is at byte 20 of its line: 𝄞 is four bytes, é two.
		{1, 20, 1, 47, 1, "grant-all", "grantguard", "GRANT ALL on TABLE orders to app gives every privilege; grant only the ones needed"},
	}
	if !reflect.DeepEqual(ds, want) {
		t.Errorf("diagnostics in Neovim\n got %+v\nwant %+v", ds, want)
	}
}

// TestVSCodeExtension: the extension's manifest is valid, its entry point
// is JavaScript node accepts, and it starts `grantguard lsp` with the
// binary setting it declares.
func TestVSCodeExtension(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "editors", "vscode")
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Main             string            `json:"main"`
		ActivationEvents []string          `json:"activationEvents"`
		Dependencies     map[string]string `json:"dependencies"`
		Contributes      struct {
			Configuration struct {
				Properties map[string]json.RawMessage `json:"properties"`
			} `json:"configuration"`
		} `json:"contributes"`
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		t.Fatalf("package.json: %v", err)
	}
	js, err := os.ReadFile(filepath.Join(dir, pkg.Main))
	if err != nil {
		t.Fatalf("main %q: %v", pkg.Main, err)
	}
	if pkg.Dependencies["vscode-languageclient"] == "" {
		t.Error("package.json does not depend on vscode-languageclient")
	}
	for _, setting := range []string{"grantguard.path", "grantguard.debounceMs", "grantguard.tests"} {
		if pkg.Contributes.Configuration.Properties[setting] == nil {
			t.Errorf("package.json declares no %s setting", setting)
		}
		if !strings.Contains(string(js), "config.get('"+strings.TrimPrefix(setting, "grantguard.")+"')") {
			t.Errorf("extension.js does not read %s", setting)
		}
	}
	// Each language the extension activates on is one it hands to the server.
	for _, ev := range pkg.ActivationEvents {
		if lang, ok := strings.CutPrefix(ev, "onLanguage:"); ok && !strings.Contains(string(js), "'"+lang+"'") {
			t.Errorf("activates on %s but does not select its documents", lang)
		}
	}
	if !strings.Contains(string(js), "{ command, args: ['lsp'] }") {
		t.Error("extension.js does not start grantguard lsp")
	}
	if node, err := exec.LookPath("node"); err == nil {
		if out, err := exec.Command(node, "--check", filepath.Join(dir, pkg.Main)).CombinedOutput(); err != nil {
			t.Errorf("node --check: %v\n%s", err, out)
		}
	}
}

// TestReadmeHelixConfig: the README's languages.toml parses and gives
// every language it lists the grantguard server.
func TestReadmeHelixConfig(t *testing.T) {
	var cfg struct {
		LanguageServer map[string]struct {
			Command string   `toml:"command"`
			Args    []string `toml:"args"`
		} `toml:"language-server"`
		Language []struct {
			Name            string   `toml:"name"`
			LanguageServers []string `toml:"language-servers"`
		} `toml:"language"`
	}
	if _, err := toml.Decode(readmeBlock(t, "### Helix", "toml"), &cfg); err != nil {
		t.Fatalf("README Helix languages.toml: %v", err)
	}
	if gg := cfg.LanguageServer["grantguard"]; gg.Command != "grantguard" || !slices.Equal(gg.Args, []string{"lsp"}) {
		t.Errorf("language-server.grantguard = %+v", gg)
	}
	if len(cfg.Language) == 0 {
		t.Fatal("no [[language]] in the README's Helix config")
	}
	for _, l := range cfg.Language {
		if !slices.Contains(l.LanguageServers, "grantguard") {
			t.Errorf("language %s does not use grantguard", l.Name)
		}
	}
}
