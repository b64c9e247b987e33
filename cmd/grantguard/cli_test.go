package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/grantguard/grantguard/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// repoDir is the repository root, resolved before any test changes the
// working directory.
var repoDir, repoDirErr = filepath.Abs(filepath.Join("..", ".."))

// repoRoot is where the CLI tests run, so that report paths look like a
// user's: examples/migrations/0003_reporting.sql.
func repoRoot(t *testing.T) string {
	t.Helper()
	if repoDirErr != nil {
		t.Fatal(repoDirErr)
	}
	return repoDir
}

// chdir changes the working directory for the rest of the test.
func chdir(t *testing.T, dir string) {
	t.Helper()
	old, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chdir(old) })
}

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return out.String(), errb.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(repoRoot(t), "testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/grantguard -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test ./cmd/grantguard -update, then review the diff)\n--- got ---\n%s", name, got)
	}
}

// TestExamplesGolden checks what a user sees on the bundled example, in
// every format.
func TestExamplesGolden(t *testing.T) {
	root := repoRoot(t)
	chdir(t, root)
	for _, f := range []string{"text", "json", "sarif", "github"} {
		t.Run(f, func(t *testing.T) {
			out, stderr, code := runCLI(t, "check", "--format", f, "./examples")
			if code != exitFindings {
				t.Fatalf("exit code %d, want 1; stderr: %s", code, stderr)
			}
			if stderr != "" {
				t.Errorf("unexpected stderr: %s", stderr)
			}
			// The SARIF run names the absolute source root; make it stable.
			out = strings.ReplaceAll(out, "file://"+filepath.ToSlash(root), "file:///SRCROOT")
			golden(t, "examples."+f, out)
		})
	}
}

// TestMigrationToolsGolden checks every migration format the SQL front end
// understands, on a tree with one deliberate problem per tool.
func TestMigrationToolsGolden(t *testing.T) {
	chdir(t, repoRoot(t))
	out, stderr, code := runCLI(t, "check", "testdata/e2e/migrations")
	if code != exitFindings || stderr != "" {
		t.Fatalf("exit code %d, stderr %q", code, stderr)
	}
	golden(t, "migrations.text", out)
}

// TestNoSecretInOutput makes sure the literal passwords of the examples and
// fixtures appear in no output format.
func TestNoSecretInOutput(t *testing.T) {
	chdir(t, repoRoot(t))
	secrets := []string{"Quarterly-Report-2024", "Winter-2025-pw", "hunter2", "S3cretReport", "CrmPass99", "inside-a-do-block", "dyn-secret", "pw-in-server", "d8578edf8458ce06fbc5bb76a58c5ca4"}
	for _, f := range []string{"text", "json", "sarif", "github"} {
		out, _, _ := runCLI(t, "check", "--format", f, "./examples", "rules/testdata/hardcoded-password/bad.sql")
		if !strings.Contains(out, "hardcoded-password") {
			t.Fatalf("%s: no hardcoded-password finding at all", f)
		}
		for _, s := range secrets {
			if strings.Contains(out, s) {
				t.Errorf("%s output contains the secret %q", f, s)
			}
		}
	}
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestExitCodes(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"clean/ok.sql":         "GRANT SELECT ON t TO app_readonly;\n",
		"warn/w.sql":           "GRANT SELECT ON t TO PUBLIC;\n",
		"err/e.sql":            "GRANT ALL ON t TO app;\n",
		"note/n.sql":           "ALTER ROLE a VALID UNTIL 'infinity';\n",
		"bad.toml":             "[rules]\ndisable = [\"no-such-rule\"]\n",
		"disable.toml":         "[rules]\ndisable = [\"grant-all\"]\n",
		"severity.toml":        "[rules]\nseverity = { grant-to-public = \"error\" }\n",
		"unknown-key.toml":     "exclued = []\n",
		"exclude/.gg.toml":     "exclude = [\"legacy/**\"]\n",
		"exclude/legacy/x.sql": "GRANT ALL ON t TO app;\n",
		"exclude/new/y.sql":    "GRANT SELECT ON t TO app;\n",
	})
	chdir(t, dir)
	tests := []struct {
		name string
		args []string
		code int
		out  string // substring of stdout or stderr
	}{
		{"clean", []string{"check", "clean"}, 0, ""},
		{"warning fails by default", []string{"check", "warn"}, 1, "warn/w.sql:1:22: warning grant-to-public:"},
		{"fail-on error passes a warning", []string{"check", "--fail-on", "error", "warn"}, 0, "grant-to-public"},
		{"fail-on error fails an error", []string{"check", "--fail-on=error", "err"}, 1, "error grant-all"},
		{"note passes by default", []string{"check", "note"}, 0, "note password-no-expiry"},
		{"fail-on note", []string{"check", "note", "--fail-on", "note"}, 1, "password-no-expiry"},
		{"fail-on never", []string{"check", "--fail-on", "never", "err"}, 0, "grant-all"},
		{"bad fail-on", []string{"check", "--fail-on", "critical", "err"}, 2, `--fail-on: unknown value "critical"`},
		{"bad format", []string{"check", "--format", "xml", "err"}, 2, `unknown --format "xml"`},
		{"unknown flag", []string{"check", "--frmat", "text"}, 2, "flag provided but not defined"},
		{"missing path", []string{"check", "nope"}, 2, "nope: no such file or directory"},
		{"bad config", []string{"check", "--config", "bad.toml", "clean"}, 2, `bad.toml:2`},
		{"unknown config key", []string{"check", "--config", "unknown-key.toml", "clean"}, 2, `unknown-key.toml:1`},
		{"missing config", []string{"check", "--config", "absent.toml", "clean"}, 2, "absent.toml"},
		{"config disables a rule", []string{"check", "--config", "disable.toml", "err"}, 0, ""},
		{"config raises a severity", []string{"check", "--config", "severity.toml", "--fail-on", "error", "warn"}, 1, "error grant-to-public"},
		{"exclude glob", []string{"check", "--config", "exclude/.gg.toml", "exclude"}, 0, ""},
		{"explicit file beats exclude", []string{"check", "--config", "exclude/.gg.toml", "exclude/legacy/x.sql"}, 1, "grant-all"},
		{"unknown command", []string{"lint"}, 2, `unknown command "lint"`},
		{"explain unknown rule", []string{"explain", "grant-everything"}, 2, `unknown rule "grant-everything" (see grantguard rules)`},
		{"explain misspelt rule", []string{"explain", "grant-al"}, 2, `unknown rule "grant-al" (did you mean "grant-all"?)`},
		{"version", []string{"version"}, 0, "grantguard " + version},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			if tt.out != "" && !strings.Contains(out+errOut, tt.out) {
				t.Errorf("output lacks %q\nstdout: %s\nstderr: %s", tt.out, out, errOut)
			}
			if tt.out == "" && tt.code == 0 && out != "" {
				t.Errorf("expected no findings, got:\n%s", out)
			}
		})
	}
}

// TestBadInput: nothing a repository holds crashes the run or loses a file.
func TestBadInput(t *testing.T) {
	big := strings.Repeat("SELECT 1;\n", (10<<20)/10+1)
	dir := writeTree(t, map[string]string{
		"a_binary.sql":       "GRANT ALL ON t TO x;\x00\x01\x02",
		"b_latin1.sql":       "GRANT ALL ON caf\xe9 TO x;",
		"c_empty.sql":        "",
		"d_big.sql":          big,
		"e_broken.sql":       "GRANT SELECT ON t TO;\nGRANT ALL ON t TO app;\nSELECT 'unterminated;\n",
		"f_good.sql":         "GRANT ALL ON t TO app;\n",
		"g_only_comment.sql": "-- nothing here\n",
	})
	if err := os.Symlink("loop", filepath.Join(dir, "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(".", filepath.Join(dir, "self")); err != nil {
		t.Fatal(err)
	}
	unreadable := filepath.Join(dir, "h_unreadable.sql")
	if err := os.WriteFile(unreadable, []byte("GRANT ALL ON t TO x;"), 0o000); err != nil {
		t.Fatal(err)
	}
	// A FIFO behind a symlink and named explicitly would block a read
	// forever; a dangling link and an unreadable directory are notes; many
	// tiny files are just files.
	fifo := filepath.Join(dir, "i_fifo.sql")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("i_fifo.sql", filepath.Join(dir, "j_fifo_link.sql")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("missing.sql", filepath.Join(dir, "k_dangling.sql")); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(dir, "l_locked")
	if err := os.Mkdir(locked, 0o000); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(locked, 0o755) })
	for i := range 2000 {
		name := filepath.Join(dir, "tiny", fmt.Sprintf("%04d.sql", i))
		if i == 0 {
			if err := os.Mkdir(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(name, []byte("SELECT 1;\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	chdir(t, dir)
	out, errOut, code := runCLI(t, "check", ".", "i_fifo.sql")
	if code != exitFindings {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"i_fifo.sql: skipped: not a regular file",
		"j_fifo_link.sql: skipped: not a regular file",
		"k_dangling.sql: skipped: no such file or directory",
		"a_binary.sql: skipped: binary file",
		"b_latin1.sql: skipped: not valid UTF-8",
		"d_big.sql: skipped: file is 10485770 bytes, over the 10485760-byte limit",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if os.Geteuid() != 0 && !strings.Contains(errOut, "h_unreadable.sql: skipped: permission denied") {
		t.Errorf("stderr lacks the unreadable file:\n%s", errOut)
	}
	if os.Geteuid() != 0 && !strings.Contains(errOut, "l_locked: skipped: permission denied") {
		t.Errorf("stderr lacks the unreadable directory:\n%s", errOut)
	}
	if strings.Contains(out, "tiny/") {
		t.Errorf("findings in the tiny files:\n%s", out)
	}
	for _, want := range []string{
		`e_broken.sql:1:21: error parse-error: syntax error at or near ";"`,
		"e_broken.sql:2:7: error grant-all:",
		`e_broken.sql:3:8: error parse-error: unterminated quoted string`,
		"f_good.sql:1:7: error grant-all:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
}

// TestDeterministic: the report is byte-identical whatever --jobs is.
func TestDeterministic(t *testing.T) {
	chdir(t, repoRoot(t))
	var first string
	for _, jobs := range []string{"1", "2", "8"} {
		out, _, _ := runCLI(t, "check", "--jobs", jobs, "--format", "json", "./examples", "rules/testdata")
		if first == "" {
			first = out
		} else if out != first {
			t.Fatalf("--jobs %s changed the output", jobs)
		}
	}
	if !json.Valid([]byte(first)) {
		t.Fatal("invalid JSON")
	}
}

func TestRulesAndExplain(t *testing.T) {
	out, _, code := runCLI(t, "rules")
	if code != 0 || !strings.Contains(out, "grant-all") || !strings.Contains(out, "SEVERITY") {
		t.Fatalf("rules: %d\n%s", code, out)
	}
	out, _, code = runCLI(t, "explain", "grant-all")
	if code != 0 {
		t.Fatal(code)
	}
	for _, want := range []string{"grant-all (error)", "Instead of:", "GRANT ALL ON TABLE accounts TO app_readwrite;", "Use:", "Fix:"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q:\n%s", want, out)
		}
	}
}

// TestExamplesSARIFValidates validates the SARIF of the bundled example,
// with the real catalogue, against the official schema in ../shared.
func TestExamplesSARIFValidates(t *testing.T) {
	root := repoRoot(t)
	schemaPath := filepath.Join(root, "..", "shared", "schemas", "sarif-schema-2.1.0.json")
	f, err := os.Open(schemaPath)
	if err != nil {
		t.Skipf("SARIF schema not available (%v); schema validation skipped", err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := doc.(map[string]any)["id"].(string)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	chdir(t, root)
	out, _, code := runCLI(t, "check", "--format", "sarif", "./examples", "testdata/e2e/migrations")
	if code != exitFindings {
		t.Fatalf("exit %d", code)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("SARIF does not validate: %v", err)
	}
}

// TestReadmeListsEveryRule keeps the README's rule table in step with the
// catalogue.
func TestReadmeListsEveryRule(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules.All {
		if !strings.Contains(string(readme), "| `"+r.ID+"` |") {
			t.Errorf("README.md rule table lacks %s", r.ID)
		}
	}
	if !strings.HasPrefix(string(readme), "# grantguard") || !strings.Contains(string(readme), "go run ./cmd/grantguard check ./examples") || !strings.Contains(string(readme), "go test ./...") {
		t.Error("README.md must open with the two set-up commands")
	}
}

// TestBadConfigInput: malformed config files are one parse-error each, at
// the parser's position, and the rest of the run goes on; a huge
// single-line JSON file is read in one pass.
func TestBadConfigInput(t *testing.T) {
	var huge strings.Builder
	huge.WriteString(`{"servers": [`)
	for i := range 100000 {
		fmt.Fprintf(&huge, `{"name": "s%d", "dsn": "host=h%d dbname=app sslmode=verify-full"},`, i, i)
	}
	huge.WriteString(`{"name": "last"}], "allowed_ips": ["10.0.0.0/8", "0.0.0.0/0"]}`)
	dir := writeTree(t, map[string]string{
		"a.yaml":          "postgres:\n  host: db\n   port: 5432\n",
		"b.json":          "{\"dsn\": 1,,}\n",
		"c.toml":          "[postgres]\nhost = = 1\n",
		"d.tf":            "resource \"postgresql_role\" \"y\" {\n  a = [\n}\n",
		"e.json":          "{\"unrelated\": 1,,}\n", // nothing about PostgreSQL: a note
		"pg_hba.conf":     "host all\nhostssl all all 0.0.0.0/0 trust\n",
		"postgresql.conf": "ssl = 'on\n",
		"huge.json":       huge.String(),
		"ok.sql":          "GRANT ALL ON t TO app;\n",
	})
	chdir(t, dir)
	out, errOut, code := runCLI(t, "check", "--format", "text", ".")
	if code != exitFindings {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"a.yaml:3:",
		"b.json:1:",
		"c.toml:2:",
		"d.tf:3:",
		"pg_hba.conf:1:",
		"postgresql.conf:1:",
	} {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(want) + `\d+: error parse-error: `).MatchString(out) {
			t.Errorf("no parse-error at %s:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "parse-error"); n != 6 {
		t.Errorf("%d parse-errors, want 6:\n%s", n, out)
	}
	for _, want := range []string{"pg_hba.conf:2:", "error hba-trust", "huge.json:1:", "0.0.0.0/0 admits every IPv4 address", "ok.sql:1:7: error grant-all"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if want := "grantguard: e.json: skipped: does not parse as JSON (line 1: "; !strings.Contains(errOut, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut)
	}
}

// TestOutputInsideTree: the report is written while the tree is walked;
// a report file inside the tree is never linted, so a second run gives
// the same result as the first.
func TestOutputInsideTree(t *testing.T) {
	files := map[string]string{"db/001.sql": "ALTER ROLE app VALID UNTIL 'infinity';\n"}
	for i := range 100 {
		files[fmt.Sprintf("db/m%03d.sql", i)] = fmt.Sprintf("SELECT %d;\n", i)
	}
	chdir(t, writeTree(t, files))
	if err := os.MkdirAll("out", 0o755); err != nil {
		t.Fatal(err)
	}
	for run := 1; run <= 2; run++ {
		_, errOut, code := runCLI(t, "check", "--jobs", "1", "--format", "json", "--output", "out/report.json", ".")
		data, err := os.ReadFile("out/report.json")
		if err != nil || code != exitOK || strings.Contains(string(data), "report.json") || !json.Valid(data) {
			t.Errorf("run %d: exit %d, %v\n%s\n%s", run, code, err, errOut, data)
		}
	}
	_, _, code := runCLI(t, "check", "--jobs", "1", "--format", "json", "--output", "report.json", ".")
	_, _, code2 := runCLI(t, "check", "--jobs", "1", "--format", "json", "--output", "report.json", ".")
	if code != exitOK || code2 != exitOK {
		t.Errorf("report.json at the top of the tree: exits %d then %d, want 0 and 0", code, code2)
	}
}

// TestLeftOutAndHistory: other dialects and test paths are left out with
// one summary line each; --tests brings the test paths back and --history
// every the statements a later migration undoes.
func TestLeftOutAndHistory(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"db/0001_init.sql":          "CREATE ROLE app LOGIN SUPERUSER;\nGRANT ALL ON TABLE orders TO app;\n",
		"db/0002_fix.sql":           "ALTER ROLE app NOSUPERUSER;\n",
		"db/0001_init.mysql.up.sql": "CREATE TABLE `t` (id int) ENGINE=InnoDB;\n",
		"schema/sqlite/v1.sql":      "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);\n",
		"legacy/dump.sql":           "CREATE TABLE `u` (id int);\n",
		"test/sql/grants.sql":       "GRANT ALL ON TABLE fixture TO app;\n",
	})
	t.Chdir(dir)
	out, errOut, code := runCLI(t, "check", ".")
	if code != exitFindings || !strings.Contains(out, "db/0001_init.sql:2:7: error grant-all") || strings.Contains(out, "superuser-grant") ||
		strings.Contains(out, "test/sql") || strings.Contains(out, "parse-error") {
		t.Errorf("check .: exit %d\n%s", code, out)
	}
	wantErr := "grantguard: left out 3 .sql files of other SQL dialects (mysql 2, sqlite 1); [sql] postgres in the config lints such files as PostgreSQL\n" +
		"grantguard: left out 1 file in test and fixture paths; --tests lints them\n"
	if errOut != wantErr {
		t.Errorf("stderr\n got %q\nwant %q", errOut, wantErr)
	}
	out, errOut, _ = runCLI(t, "check", "--tests", "--history", "every", ".")
	for _, want := range []string{"db/0001_init.sql:1:23: error superuser-grant", "test/sql/grants.sql:1:7: error grant-all"} {
		if !strings.Contains(out, want) {
			t.Errorf("--tests --history every: output lacks %q\n%s", want, out)
		}
	}
	if strings.Contains(errOut, "test and fixture") {
		t.Errorf("--tests: stderr still leaves test files out: %s", errOut)
	}
	if _, errOut, code := runCLI(t, "check", "--history", "all", "."); code != exitError || !strings.Contains(errOut, `unknown --history "all"`) {
		t.Errorf("--history all: exit %d, %s", code, errOut)
	}
}
