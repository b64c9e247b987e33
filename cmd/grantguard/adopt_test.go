package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/configfile"
	"github.com/grantguard/grantguard/rules"
)

const legacyMigration = `CREATE ROLE reporting LOGIN PASSWORD 'Legacy-Pw-1';
GRANT ALL ON TABLE orders TO reporting;
GRANT SELECT ON TABLE customers TO PUBLIC;
`

// The same migration a few commits later: lines inserted above, the
// accepted GRANT ALL reindented, a neighbour edited, and one new GRANT ALL.
const legacyMigrationEdited = `-- reporting service
-- owner: data team

CREATE ROLE reporting LOGIN PASSWORD 'Legacy-Pw-1';
GRANT SELECT ON TABLE audit TO reporting;
  GRANT ALL ON TABLE orders TO reporting;
GRANT SELECT ON TABLE customers TO PUBLIC;
GRANT ALL ON TABLE invoices TO reporting;
`

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBaseline(t *testing.T) {
	dir := writeTree(t, map[string]string{"db/001_roles.sql": legacyMigration})
	chdir(t, dir)

	out, errOut, code := runCLI(t, "check", "--write-baseline", "grantguard-baseline.json", ".")
	if code != exitOK || out != "" || errOut != "grantguard: recorded 3 findings in baseline grantguard-baseline.json\n" {
		t.Fatalf("--write-baseline: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	out, errOut, code = runCLI(t, "check", "--baseline", "grantguard-baseline.json", ".")
	if code != exitOK || out != "" || !strings.Contains(errOut, "3 findings hidden by baseline grantguard-baseline.json") {
		t.Fatalf("unchanged tree: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}

	writeFile(t, filepath.Join(dir, "db", "001_roles.sql"), legacyMigrationEdited)
	out, errOut, code = runCLI(t, "check", "--baseline", "grantguard-baseline.json", ".")
	want := "db/001_roles.sql:8:7: error grant-all: GRANT ALL on TABLE invoices to reporting"
	if code != exitFindings || !strings.HasPrefix(out, want) || strings.Count(out, "error grant-all") != 1 {
		t.Errorf("after edits: exit %d, want 1 and only the new finding (%s)\nstdout: %s\nstderr: %s", code, want, out, errOut)
	}
	// The same baseline from a subdirectory, in SARIF.
	chdir(t, filepath.Join(dir, "db"))
	out, _, code = runCLI(t, "check", "--baseline", "../grantguard-baseline.json", "--format", "sarif", ".")
	if code != exitFindings || strings.Count(out, `"ruleId"`) != 1 || !strings.Contains(out, `"startLine": 8`) {
		t.Errorf("from db/: exit %d\n%s", code, out)
	}
	// Without the baseline everything is back.
	out, _, _ = runCLI(t, "check", ".")
	if !strings.Contains(out, "4 findings") {
		t.Errorf("without --baseline:\n%s", out)
	}
}

func TestBadBaseline(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"m.sql":        "GRANT ALL ON t TO app;\n",
		"corrupt.json": `{"format": "grantguard-baseline", "version": 1, "findings": [`,
		"v2.json":      `{"format": "grantguard-baseline", "version": 2, "findings": []}`,
		"report.json":  `{"version": "0.1.0", "findings": []}`,
	})
	chdir(t, dir)
	for _, tc := range []struct{ file, want string }{
		{"corrupt.json", "grantguard: baseline corrupt.json: not a grantguard baseline: line 1: unexpected end of JSON input\n"},
		{"v2.json", "grantguard: baseline v2.json: format version 2 is not supported by this grantguard (it reads version 1); regenerate the file with --write-baseline\n"},
		{"report.json", "grantguard: baseline report.json: not a grantguard baseline: no \"format\": \"grantguard-baseline\" member\n"},
		{"absent.json", "grantguard: baseline absent.json: no such file or directory\n"},
	} {
		out, errOut, code := runCLI(t, "check", "--baseline", tc.file, ".")
		if code != exitError || out != "" || errOut != tc.want {
			t.Errorf("--baseline %s: exit %d, stdout %q\nstderr %q\nwant exit 2 and %q", tc.file, code, out, errOut, tc.want)
		}
	}
	out, errOut, code := runCLI(t, "check", "--write-baseline", "no/such/dir/b.json", ".")
	if code != exitError || out != "" || !strings.Contains(errOut, "writing baseline: open ") {
		t.Errorf("unwritable baseline: exit %d\n%s%s", code, out, errOut)
	}
}

// gitRepo makes a git repository in a new temporary directory, isolated
// from the user's git configuration, and returns a function running git in it.
func gitRepo(t *testing.T, files map[string]string) (string, func(args ...string) string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := writeTree(t, files)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(dir, ".git-global-config"))
	for _, v := range []string{"GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"} {
		t.Setenv(v, "test")
	}
	for _, v := range []string{"GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"} {
		t.Setenv(v, "test@example.com")
	}
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q", "-b", "main")
	git("add", ".")
	git("commit", "-q", "-m", "initial")
	return dir, git
}

func TestNewFromRev(t *testing.T) {
	dir, git := gitRepo(t, map[string]string{"db/001_roles.sql": legacyMigration})
	base := git("rev-parse", "HEAD")
	writeFile(t, filepath.Join(dir, "db", "001_roles.sql"), legacyMigrationEdited)
	git("commit", "-q", "-am", "edit")
	writeFile(t, filepath.Join(dir, "db", "002_new.sql"), "GRANT SELECT ON t TO PUBLIC;\n")
	chdir(t, dir)

	// Changed since base: lines 1-3 (the header), 5 (new GRANT SELECT),
	// 6 (the reindented GRANT ALL), 8 (the new GRANT ALL), and the
	// untracked 002_new.sql. Lines 4 and 7 moved but did not change.
	out, errOut, code := runCLI(t, "check", "--new-from-rev", base, "--format", "json", ".")
	if code != exitFindings {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	var rep struct {
		Findings []struct {
			Rule, Path string
			Line       int
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Path+":"+strconv.Itoa(f.Line)+" "+f.Rule)
	}
	want := "db/001_roles.sql:6 grant-all, db/001_roles.sql:8 grant-all, db/002_new.sql:1 grant-to-public"
	if strings.Join(got, ", ") != want {
		t.Errorf("findings %v\nwant %s", got, want)
	}
	if !strings.Contains(errOut, "2 findings on lines not changed since "+base+" left out (--new-from-rev)") {
		t.Errorf("stderr: %s", errOut)
	}

	// HEAD: only the uncommitted file. From a subdirectory too.
	chdir(t, filepath.Join(dir, "db"))
	out, _, code = runCLI(t, "check", "--new-from-rev", "HEAD", ".")
	if code != exitFindings || !strings.HasPrefix(out, "002_new.sql:1:") || !strings.Contains(out, "1 finding ") {
		t.Errorf("--new-from-rev HEAD: exit %d\n%s", code, out)
	}
	// Combined with a baseline that accepts the reindented GRANT ALL's
	// original line: nothing of that file remains... but the new GRANT ALL.
	chdir(t, dir)
	git("stash", "-q", "-u")
	git("checkout", "-q", base)
	if _, errOut, code := runCLI(t, "check", "--write-baseline", "b.json", "."); code != exitOK {
		t.Fatalf("write baseline at base: %d %s", code, errOut)
	}
	git("checkout", "-q", "main")
	out, _, code = runCLI(t, "check", "--baseline", "b.json", "--new-from-rev", base, ".")
	if code != exitFindings || !strings.HasPrefix(out, "db/001_roles.sql:8:7: error grant-all") || !strings.Contains(out, "1 finding ") {
		t.Errorf("--baseline with --new-from-rev: exit %d\n%s", code, out)
	}
}

func TestNewFromRevErrors(t *testing.T) {
	dir, _ := gitRepo(t, map[string]string{"m.sql": "GRANT ALL ON t TO app;\n"})
	chdir(t, dir)
	out, errOut, code := runCLI(t, "check", "--new-from-rev", "v9.9.9", ".")
	if code != exitError || out != "" || !strings.Contains(errOut, `--new-from-rev: unknown revision "v9.9.9"`) {
		t.Errorf("unknown rev: exit %d\n%s%s", code, out, errOut)
	}
	outside := t.TempDir()
	chdir(t, outside)
	writeFile(t, filepath.Join(outside, "m.sql"), "GRANT ALL ON t TO app;\n")
	out, errOut, code = runCLI(t, "check", "--new-from-rev", "HEAD", ".")
	if code != exitError || out != "" || !strings.Contains(errOut, "--new-from-rev needs a git repository, and "+outside+" is not inside one") {
		t.Errorf("outside a repository: exit %d\n%s%s", code, out, errOut)
	}
}

func TestCategory(t *testing.T) {
	chdir(t, repoRoot(t))
	out, _, code := runCLI(t, "check", "--format", "sarif", "--category", "migrations", "./examples")
	if code != exitFindings || !strings.Contains(out, `"automationDetails": {
        "id": "grantguard/migrations/"
      }`) {
		t.Errorf("exit %d; automationDetails not set from --category:\n%s", code, out[max(0, len(out)-400):])
	}
}

func TestInit(t *testing.T) {
	dir := t.TempDir()
	chdir(t, dir)
	out, errOut, code := runCLI(t, "init")
	if code != exitOK || errOut != "" || !strings.Contains(out, "wrote .grantguard.toml") {
		t.Fatalf("init: exit %d\n%s%s", code, out, errOut)
	}
	data, err := os.ReadFile(".grantguard.toml")
	if err != nil || string(data) != starterConfig {
		t.Fatalf("written file differs from the starter config (%v)", err)
	}

	// Never overwrites: not its own file, not a user's.
	writeFile(t, filepath.Join(dir, "mine.toml"), "# my settings\n")
	for _, args := range [][]string{{"init"}, {"init", "mine.toml"}} {
		out, errOut, code = runCLI(t, args...)
		if code != exitError || out != "" || !strings.Contains(errOut, "already exists; not overwriting it") {
			t.Errorf("%v over an existing file: exit %d\n%s%s", args, code, out, errOut)
		}
	}
	if data, _ := os.ReadFile("mine.toml"); string(data) != "# my settings\n" {
		t.Errorf("mine.toml was changed: %q", data)
	}

	_, errOut, code = runCLI(t, "init", "config/grantguard.toml")
	if code != exitError || !strings.Contains(errOut, "config/grantguard.toml: no such file or directory") {
		t.Errorf("init into a missing directory: exit %d, stderr %q", code, errOut)
	}
	if _, _, code = runCLI(t, "init", "a.toml", "b.toml"); code != exitError {
		t.Errorf("two arguments: exit %d", code)
	}
	if _, _, code = runCLI(t, "init", "--force"); code != exitError {
		t.Errorf("unknown flag: exit %d", code)
	}

	// check picks it up and runs clean on a clean tree.
	writeFile(t, filepath.Join(dir, "ok.sql"), "GRANT SELECT ON t TO app_readonly;\n")
	if out, errOut, code := runCLI(t, "check", "."); code != exitOK || out != "" {
		t.Errorf("check with the starter config: exit %d\n%s%s", code, out, errOut)
	}
}

// TestInitConfigLoads: the starter config is valid, means the defaults, and
// declares the four tiers.
func TestInitConfigLoads(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".grantguard.toml")
	writeFile(t, path, starterConfig)
	cfg, err := configfile.Load(path, rules.All.IDs())
	if err != nil {
		t.Fatalf("the starter config does not load: %v", err)
	}
	def := lint.DefaultConfig()
	if cfg.Network.MaxPublicPrefixV4 != def.Network.MaxPublicPrefixV4 ||
		cfg.Network.MaxPublicPrefixV6 != def.Network.MaxPublicPrefixV6 ||
		cfg.Network.MaxPrivatePrefixV4 != def.Network.MaxPrivatePrefixV4 {
		t.Errorf("network limits %+v differ from the defaults %+v", cfg.Network, def.Network)
	}
	if strings.Join(cfg.ExemptHosts, " ") != strings.Join(def.ExemptHosts, " ") {
		t.Errorf("exempt hosts %v, want the defaults %v", cfg.ExemptHosts, def.ExemptHosts)
	}
	if len(cfg.Exclude) != 0 || len(cfg.Disabled) != 0 || len(cfg.SuperuserRoles) != 0 || cfg.Audit.RequireAudit {
		t.Errorf("starter config changes a default: %+v", cfg)
	}
	tiers := map[string]string{}
	for name, r := range cfg.Roles {
		tiers[r.Tier] = name
	}
	for _, tier := range []string{"readonly", "readwrite", "admin", "superuser"} {
		if tiers[tier] == "" {
			t.Errorf("no role of tier %s in %v", tier, cfg.Roles)
		}
	}
	if len(cfg.Roles) != 4 || strings.Join(cfg.Roles["migrator"].Schemas, ",") != "public" {
		t.Errorf("roles: %+v", cfg.Roles)
	}

	// Uncommenting the examples keeps it valid, and superuser_roles stays a
	// top-level key (above the first table).
	uncommented := strings.NewReplacer(
		`  # "legacy/**",`, `  "legacy/**",`,
		`  # "supabase_admin",`, `  "supabase_admin",`,
		`# severity = {`, `severity = {`,
		`  # "198.51.100.0/22",`, `  "198.51.100.0/22",`,
	).Replace(starterConfig)
	writeFile(t, path, uncommented)
	cfg, err = configfile.Load(path, rules.All.IDs())
	if err != nil {
		t.Fatalf("the starter config with its examples uncommented does not load: %v", err)
	}
	if strings.Join(cfg.SuperuserRoles, ",") != "supabase_admin" || len(cfg.Exclude) != 1 ||
		len(cfg.Network.Allow) != 1 || cfg.Severity["grant-to-public"] != lint.Error {
		t.Errorf("uncommented examples not read: %+v", cfg)
	}
}
