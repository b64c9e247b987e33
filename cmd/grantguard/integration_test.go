package main

// Tests of the integrations: the pre-commit hooks, the GitHub Action and the
// README recipes for both, run the way pre-commit and the Actions runner run
// them, with a grantguard binary built from this package.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/grantguard/grantguard/internal/pgtest"
	"github.com/grantguard/grantguard/lint"
)

func TestMain(m *testing.M) {
	code := pgtest.Main(m) // stops the PostgreSQL cluster of the live tests, if one was started
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
	os.Exit(code)
}

var (
	binOnce sync.Once
	binDir  string
	binErr  error
)

// grantguardBin builds grantguard once per test process and returns the
// directory holding the binary, for PATH.
func grantguardBin(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not on PATH; cannot build the binary")
	}
	binOnce.Do(func() {
		if binDir, binErr = os.MkdirTemp("", "grantguard-bin-"); binErr != nil {
			return
		}
		cmd := exec.Command("go", "build", "-o", filepath.Join(binDir, "grantguard"), ".")
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binDir
}

// pathWith returns PATH with dir first.
func pathWith(dir string) string {
	return dir + string(os.PathListSeparator) + os.Getenv("PATH")
}

type hookManifest []struct {
	ID            string `yaml:"id"`
	Name          string `yaml:"name"`
	Entry         string `yaml:"entry"`
	Language      string `yaml:"language"`
	Files         string `yaml:"files"`
	Exclude       string `yaml:"exclude"`
	PassFilenames *bool  `yaml:"pass_filenames"`
}

func readHooks(t *testing.T) hookManifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks hookManifest
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	return hooks
}

func TestPreCommitManifest(t *testing.T) {
	hooks := readHooks(t)
	langs := map[string]string{}
	for _, h := range hooks {
		langs[h.ID] = h.Language
		if h.Entry != "grantguard check" || h.PassFilenames == nil || !*h.PassFilenames || h.Name == "" {
			t.Errorf("hook %s: entry %q, pass_filenames %v", h.ID, h.Entry, h.PassFilenames)
		}
		if h.Files != hooks[0].Files {
			t.Errorf("hook %s has another files pattern than %s", h.ID, hooks[0].ID)
		}
	}
	if langs["grantguard"] != "golang" || langs["grantguard-system"] != "system" || len(hooks) != 2 {
		t.Errorf("hooks = %v, want grantguard (golang) and grantguard-system (system)", langs)
	}
}

// TestPreCommitFilesPattern: the hooks' files regex selects exactly the
// files lint.Classify gives a kind, checked with Go's regexp and, when
// python3 is there, with Python's re, which is what pre-commit uses.
func TestPreCommitFilesPattern(t *testing.T) {
	pattern := readHooks(t)[0].Files
	re := regexp.MustCompile(pattern)
	names := []string{
		"001_init.sql", "db/migrations/V1__roles.SQL", "x.up.sql", "deploy/pg_hba.conf", "pg_hba_prod.conf",
		"cluster.hba", "postgresql.conf", "etc/postgresql.auto.conf", "postgresql-replica.conf",
		"config/app.yaml", "k8s/db.yml", "package.json", "pyproject.toml", "infra/main.tf", ".env", "deploy/.env",
		"prod.env", ".env.local", "cfg/.env.production", "main.go", "pkg/db/db_test.go", "run.sh",
		"scripts/x.bash", "a.zsh", "b.ksh", "app.py", "app.rb", "index.js", "x.mjs", "y.cjs", "z.ts",
		"Main.java", "db.properties", "rules.mk", "Makefile", "sub/GNUmakefile", "Dockerfile",
		"docker/Dockerfile.prod", "build.dockerfile", "etc/pgbouncer.ini", "pgbouncer-replica.INI", "userlist.txt",
		"pgbouncer/userlist-prod.txt",
		// not read
		"README.md", "notes.txt", "img.png", "nginx.conf", "my.cnf", "pg_hba.conf.bak",
		"postgresql.conf.sample", ".envrc", "environment", "sql/readme", "x.sqlx", "Makefile.am",
		"go.mod", "go.sum", "a.gotmpl", "yaml/README", "toml", "dockerfiles/x.txt", "notpg_hba.conf",
		"postgresqlx.cnf", "x.envy", "pgbouncer.ini.bak", "mypgbouncer.ini", "setup.ini", "users.txt", "userlist.txt.orig",
	}
	for _, n := range names {
		want := lint.Classify(n) != lint.KindUnknown
		if got := re.MatchString(n); got != want {
			t.Errorf("files pattern matches %q: %v, but grantguard reads it: %v", n, got, want)
		}
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Log("python3 not found; the pattern was checked with Go's regexp only")
		return
	}
	script := "import re, sys, json\np = re.compile(sys.argv[1])\nprint(json.dumps([bool(p.search(n)) for n in json.load(sys.stdin)]))"
	in, _ := json.Marshal(names)
	cmd := exec.Command(python, "-c", script, pattern)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var got []bool
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		if want := lint.Classify(n) != lint.KindUnknown; got[i] != want {
			t.Errorf("Python re: files pattern matches %q: %v, want %v", n, got[i], want)
		}
	}
}

// TestPreCommitExcludePattern: the hooks leave out the test and fixture
// paths that a walk of the repository leaves out.
func TestPreCommitExcludePattern(t *testing.T) {
	for _, h := range readHooks(t) {
		re := regexp.MustCompile(h.Exclude)
		for name, want := range map[string]bool{
			"src/test/regress/sql/a.sql": true, "test/sql/b.sql": true, "migrations/tests/c.sql": true,
			"web/__tests__/d.yaml": true, "internal/testing/e.go": true, "test/io/fixtures/f.sql": true,
			"e2e/g.yaml": true, "id/.snapshots/h.json": true, "ui/__snapshots__/i.yaml": true,
			"db/test_seed.sql": true, "test_j.sql": true,
			"db/001_init.sql": false, "contest/k.sql": false, "latest_seed.sql": false, "db/testdata/l.sql": false,
			"attest/m.yaml": false, "tests.sql": false, "latest/n.sql": false, "contest/o.sql": false,
			"pkg/testhelpers/p.go": true, "common/persistence-tests/q.go": true, "pkg/testfixtures/r.go": true,
			"Tests/s.sql": true, "integration_test/t.yaml": true,
		} {
			if got := re.MatchString(name); got != want {
				t.Errorf("hook %s: exclude matches %q: %v, want %v", h.ID, name, got, want)
			}
		}
	}
}

// hookFixture is a repository as a pre-commit user has it: findings in
// some files, some files grantguard does not read, a testdata folder.
var hookFixture = map[string]string{
	"db/001_roles.sql":    "CREATE ROLE app LOGIN;\nGRANT SELECT ON t TO app;\n",
	"db/002_grants.sql":   "GRANT ALL ON TABLE orders TO app;\n",
	"db/003_public.sql":   "GRANT SELECT ON TABLE catalog TO PUBLIC;\n",
	"db/testdata/bad.sql": "GRANT ALL ON TABLE fixture TO app;\n",
	"db/tests/bad.sql":    "GRANT ALL ON TABLE fixture TO app;\n",
	"README.md":           "GRANT ALL ON TABLE docs TO app;\n",
	"deploy/pg_hba.conf":  "hostssl all all 10.0.0.0/24 scram-sha-256\n",
}

// preCommitFiles selects from files what a hook with this files pattern
// receives, as pre-commit does: the pattern searched in the path.
func preCommitFiles(t *testing.T, pattern string, files []string) []string {
	t.Helper()
	re := regexp.MustCompile(pattern)
	var out []string
	for _, f := range files {
		if re.MatchString(f) {
			out = append(out, f)
		}
	}
	return out
}

// TestPreCommitHookEntry runs the hook's entry as pre-commit does: the
// entry, split on spaces, then the matching staged file names, in the
// repository root; the exit code decides whether the commit goes ahead.
func TestPreCommitHookEntry(t *testing.T) {
	bin := grantguardBin(t)
	dir := writeTree(t, hookFixture)
	hook := readHooks(t)[0]
	run := func(staged ...string) (string, int) {
		t.Helper()
		var files []string
		ex := regexp.MustCompile(hook.Exclude)
		for _, f := range preCommitFiles(t, hook.Files, staged) {
			if !ex.MatchString(f) {
				files = append(files, f)
			}
		}
		args := append(strings.Fields(hook.Entry), files...)
		cmd := exec.Command(filepath.Join(bin, args[0]), args[1:]...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatal(err)
		}
		return string(out), cmd.ProcessState.ExitCode()
	}

	// A clean staged file passes, and the unstaged bad ones are not read.
	out, code := run("db/001_roles.sql", "README.md", "deploy/pg_hba.conf")
	if code != exitOK || out != "" {
		t.Errorf("clean files: exit %d\n%s", code, out)
	}
	// A staged GRANT ALL stops the commit; exactly the given files are read,
	// testdata included when it is named.
	out, code = run("db/002_grants.sql", "db/testdata/bad.sql", "README.md", "db/tests/bad.sql")
	if code != exitFindings {
		t.Errorf("bad files: exit %d, want 1\n%s", code, out)
	}
	for _, want := range []string{"db/002_grants.sql:1:7: error grant-all", "db/testdata/bad.sql:1:7: error grant-all", "2 findings"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "003_public") || strings.Contains(out, "README") || strings.Contains(out, "db/tests/") {
		t.Errorf("a file that was not passed was linted:\n%s", out)
	}
	// Arguments from the user's config come before the file names.
	args := append(strings.Fields(hook.Entry), "--fail-on", "error", "db/003_public.sql")
	cmd := exec.Command(filepath.Join(bin, args[0]), args[1:]...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "warning grant-to-public") {
		t.Errorf("--fail-on error with a warning: %v\n%s", err, out)
	}
}

// readmeBlock returns the first fenced code block of the given language
// after the README heading.
func readmeBlock(t *testing.T, heading, lang string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i := strings.Index(s, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("README.md has no %q section", heading)
	}
	s = s[i:]
	start := strings.Index(s, "```"+lang+"\n")
	if start < 0 {
		t.Fatalf("README.md section %q has no %s block", heading, lang)
	}
	s = s[start+len("```"+lang+"\n"):]
	end := strings.Index(s, "```")
	return s[:end]
}

type preCommitConfig struct {
	Repos []struct {
		Repo  string `yaml:"repo"`
		Rev   string `yaml:"rev"`
		Hooks []struct {
			ID   string   `yaml:"id"`
			Args []string `yaml:"args"`
		} `yaml:"hooks"`
	} `yaml:"repos"`
}

func TestReadmePreCommitRecipe(t *testing.T) {
	var cfg preCommitConfig
	if err := yaml.Unmarshal([]byte(readmeBlock(t, "## pre-commit", "yaml")), &cfg); err != nil {
		t.Fatalf("README pre-commit recipe: %v", err)
	}
	if len(cfg.Repos) != 1 || cfg.Repos[0].Repo != "https://github.com/grantguard/grantguard" || cfg.Repos[0].Rev != "v"+version {
		t.Fatalf("README pre-commit recipe: %+v", cfg)
	}
	ids := map[string]bool{}
	for _, h := range readHooks(t) {
		ids[h.ID] = true
	}
	for _, h := range cfg.Repos[0].Hooks {
		if !ids[h.ID] {
			t.Errorf("README recipe uses hook %q, which .pre-commit-hooks.yaml does not define", h.ID)
		}
	}
}

// gitIn runs git in dir with the environment env.
func gitIn(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// isolatedEnv is the environment for git and pre-commit in tests: no user
// or system git config, a private pre-commit cache, PATH with extra first.
func isolatedEnv(t *testing.T, extraPath string) []string {
	t.Helper()
	home := t.TempDir()
	env := []string{
		"HOME=" + home,
		"PATH=" + pathWith(extraPath),
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL=" + filepath.Join(home, ".gitconfig"),
		"GIT_AUTHOR_NAME=test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=test", "GIT_COMMITTER_EMAIL=test@example.com",
		"PRE_COMMIT_HOME=" + filepath.Join(home, "pre-commit-cache"),
		"PRE_COMMIT_COLOR=never",
	}
	// Go's caches, so a golang hook builds from what is already downloaded.
	for _, v := range []string{"GOCACHE", "GOMODCACHE", "GOFLAGS", "GOPROXY", "GOTOOLCHAIN", "CGO_ENABLED", "TMPDIR", "LANG", "LC_ALL"} {
		if val, ok := os.LookupEnv(v); ok {
			env = append(env, v+"="+val)
		}
	}
	for _, v := range []string{"GOCACHE", "GOMODCACHE"} {
		if _, ok := os.LookupEnv(v); !ok {
			if out, err := exec.Command("go", "env", v).Output(); err == nil {
				env = append(env, v+"="+strings.TrimSpace(string(out)))
			}
		}
	}
	return env
}

// hookRepo makes a git repository holding the given files of this
// repository's working tree, as the hook repository pre-commit clones.
func hookRepo(t *testing.T, env []string, files []string) (dir, rev string) {
	t.Helper()
	dir = t.TempDir()
	root := repoRoot(t)
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, f), string(data))
	}
	gitIn(t, dir, env, "init", "-q", "-b", "main")
	gitIn(t, dir, env, "add", ".")
	gitIn(t, dir, env, "commit", "-q", "-m", "hooks")
	return dir, gitIn(t, dir, env, "rev-parse", "HEAD")
}

// userRepo makes the repository of a pre-commit user: the hook fixture and
// the README's .pre-commit-config.yaml, pointed at hookDir and using hookID.
func userRepo(t *testing.T, env []string, hookDir, rev, hookID string) string {
	t.Helper()
	recipe := readmeBlock(t, "## pre-commit", "yaml")
	recipe = strings.Replace(recipe, "https://github.com/grantguard/grantguard", hookDir, 1)
	recipe = strings.Replace(recipe, "rev: v"+version, "rev: "+rev, 1)
	recipe = strings.Replace(recipe, "- id: grantguard ", "- id: "+hookID+" ", 1)
	files := map[string]string{".pre-commit-config.yaml": recipe}
	for k, v := range hookFixture {
		files[k] = v
	}
	dir := writeTree(t, files)
	gitIn(t, dir, env, "init", "-q", "-b", "main")
	return dir
}

// commit stages files and commits them with the pre-commit hook installed;
// it returns the combined output and whether the commit went through.
func commit(t *testing.T, dir string, env []string, files ...string) (string, bool) {
	t.Helper()
	gitIn(t, dir, env, append([]string{"add", "--"}, files...)...)
	cmd := exec.Command("git", "commit", "-m", "change")
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return string(out), err == nil
}

// TestPreCommitEndToEnd installs the README's pre-commit configuration with
// the real pre-commit tool and commits through it.
func TestPreCommitEndToEnd(t *testing.T) {
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not installed (Debian: apt-get install pre-commit; or pip install pre-commit); " +
			"the end-to-end hook test is skipped, TestPreCommitHookEntry still runs the hook's command")
	}
	env := isolatedEnv(t, grantguardBin(t))
	hookDir, rev := hookRepo(t, env, []string{".pre-commit-hooks.yaml"})
	dir := userRepo(t, env, hookDir, rev, "grantguard-system")
	gitIn(t, dir, env, "add", ".pre-commit-config.yaml", "README.md")
	installHook(t, dir, env)

	out, ok := commit(t, dir, env, "db/001_roles.sql", "deploy/pg_hba.conf")
	if !ok || !strings.Contains(out, "grantguard (installed binary)") || !strings.Contains(out, "Passed") {
		t.Fatalf("clean commit was refused or the hook did not run:\n%s", out)
	}
	out, ok = commit(t, dir, env, "db/002_grants.sql")
	if ok || !strings.Contains(out, "Failed") || !strings.Contains(out, "db/002_grants.sql:1:7: error grant-all") {
		t.Fatalf("commit with a GRANT ALL went through, or without the finding:\n%s", out)
	}
	if strings.Contains(out, "003_public") {
		t.Errorf("an unstaged file was linted:\n%s", out)
	}
	writeFile(t, filepath.Join(dir, "db", "002_grants.sql"), "GRANT SELECT ON TABLE orders TO app;\n")
	if out, ok := commit(t, dir, env, "db/002_grants.sql"); !ok {
		t.Fatalf("fixed commit was refused:\n%s", out)
	}
}

func installHook(t *testing.T, dir string, env []string) {
	t.Helper()
	cmd := exec.Command("pre-commit", "install")
	cmd.Dir = dir
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pre-commit install: %v\n%s", err, out)
	}
}

// TestPreCommitGolangHook runs the language: golang hook, which builds
// grantguard from the hook repository with "go install ./..." — a full cgo
// build of the PostgreSQL parser, so it runs only when asked for:
// GRANTGUARD_E2E_GOLANG=1 go test ./cmd/grantguard -run GolangHook.
func TestPreCommitGolangHook(t *testing.T) {
	if os.Getenv("GRANTGUARD_E2E_GOLANG") == "" {
		t.Skip("set GRANTGUARD_E2E_GOLANG=1 to build the golang hook with pre-commit (slow: a full cgo build)")
	}
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not installed")
	}
	// No grantguard on PATH: the hook must build its own.
	env := isolatedEnv(t, t.TempDir())
	env = append(env, "GOFLAGS=-mod=mod", "GOPROXY=off")
	hookDir, rev := hookRepo(t, env, moduleFiles(t))
	dir := userRepo(t, env, hookDir, rev, "grantguard")
	gitIn(t, dir, env, "add", ".pre-commit-config.yaml", "README.md")
	installHook(t, dir, env)
	out, ok := commit(t, dir, env, "db/002_grants.sql")
	if ok || !strings.Contains(out, "db/002_grants.sql:1:7: error grant-all") {
		t.Fatalf("golang hook: commit with a GRANT ALL went through, or without the finding:\n%s", out)
	}
}

// moduleFiles lists the files of this module that the build needs (no
// tests, no testdata): what "go install ./..." in a clone reads.
func moduleFiles(t *testing.T) []string {
	t.Helper()
	root := repoRoot(t)
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "examples") {
				return fs.SkipDir
			}
			return nil
		}
		if rel == ".pre-commit-hooks.yaml" || rel == "go.mod" || rel == "go.sum" ||
			strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go") {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

type actionManifest struct {
	Inputs map[string]struct {
		Description string `yaml:"description"`
		Default     string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	ID    string            `yaml:"id"`
	Name  string            `yaml:"name"`
	Uses  string            `yaml:"uses"`
	Shell string            `yaml:"shell"`
	Run   string            `yaml:"run"`
	Env   map[string]string `yaml:"env"`
	With  map[string]string `yaml:"with"`
}

func readAction(t *testing.T) actionManifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionManifest
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

func TestActionManifest(t *testing.T) {
	a := readAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	for _, in := range []string{"paths", "config", "fail-on", "category"} {
		if _, ok := a.Inputs[in]; !ok || a.Inputs[in].Description == "" {
			t.Errorf("action.yml lacks input %q", in)
		}
	}
	if a.Inputs["paths"].Default != "." || a.Inputs["fail-on"].Default != "warning" {
		t.Errorf("defaults: paths %q, fail-on %q", a.Inputs["paths"].Default, a.Inputs["fail-on"].Default)
	}
	var install, upload bool
	for _, s := range a.Runs.Steps {
		if s.Uses == "" && s.Shell != "bash" {
			t.Errorf("step %q: shell %q; composite run steps need one", s.Name, s.Shell)
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q splices an expression into its script; pass it through env", s.Name)
		}
		if strings.Contains(s.Run, "go install ") {
			install = true
		}
		if strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@") {
			upload = s.With["sarif_file"] == "${{ steps.check.outputs.sarif-file }}"
		}
	}
	if !install || !upload {
		t.Errorf("action.yml must go install grantguard (%v) and upload the SARIF with upload-sarif (%v)", install, upload)
	}
}

// TestActionRunStep executes the action's "Run grantguard" script with bash
// as the runner does: inputs in the step's environment, GITHUB_OUTPUT a
// file, grantguard on PATH, in a checkout with findings.
func TestActionRunStep(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not found")
	}
	bin := grantguardBin(t)
	a := readAction(t)
	i := slices.IndexFunc(a.Runs.Steps, func(s actionStep) bool { return s.ID == "check" })
	if i < 0 {
		t.Fatal(`action.yml has no step with id "check"`)
	}
	step := a.Runs.Steps[i]
	exprRE := regexp.MustCompile(`^\$\{\{ inputs\.([a-z-]+) \}\}$`)

	var dir string
	run := func(t *testing.T, inputs map[string]string) (outputs map[string]string, code int, log string) {
		t.Helper()
		dir = writeTree(t, hookFixture)
		ghOut := filepath.Join(t.TempDir(), "github_output")
		env := []string{"PATH=" + pathWith(bin), "GITHUB_OUTPUT=" + ghOut, "HOME=" + t.TempDir()}
		for k, v := range step.Env {
			if m := exprRE.FindStringSubmatch(v); m != nil {
				in, ok := a.Inputs[m[1]]
				if !ok {
					t.Fatalf("env %s refers to undeclared input %s", k, m[1])
				}
				v = in.Default
				if given, ok := inputs[m[1]]; ok {
					v = given
				}
			}
			env = append(env, k+"="+v)
		}
		cmd := exec.Command(bash, "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step.Run)
		cmd.Dir = dir
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatal(err)
		}
		outputs = map[string]string{}
		data, _ := os.ReadFile(ghOut)
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			if k, v, ok := strings.Cut(line, "="); ok {
				outputs[k] = v
			}
		}
		if f := outputs["sarif-file"]; f != "" {
			sarif, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatalf("sarif-file output %q: %v", f, err)
			}
			outputs["sarif"] = string(sarif)
		}
		return outputs, cmd.ProcessState.ExitCode(), string(out)
	}

	t.Run("findings", func(t *testing.T) {
		out, code, log := run(t, map[string]string{"paths": "db\ndeploy", "category": "migrations"})
		// The step succeeds so that the upload runs; exit-code tells the
		// last step to fail the job.
		if code != 0 || out["exit-code"] != "1" || out["sarif-file"] != "grantguard.sarif" {
			t.Fatalf("exit %d, outputs %v\n%s", code, out, log)
		}
		doc := struct {
			Runs []struct {
				Results []struct {
					RuleID string `json:"ruleId"`
				} `json:"results"`
				AutomationDetails struct{ ID string } `json:"automationDetails"`
			} `json:"runs"`
		}{}
		if err := json.Unmarshal([]byte(out["sarif"]), &doc); err != nil {
			t.Fatal(err)
		}
		var rules []string
		for _, r := range doc.Runs[0].Results {
			rules = append(rules, r.RuleID)
		}
		// db/testdata is skipped when db is walked.
		if strings.Join(rules, ",") != "grant-all,grant-to-public" {
			t.Errorf("results %v, want grant-all and grant-to-public", rules)
		}
		if id := doc.Runs[0].AutomationDetails.ID; id != "grantguard/migrations/" {
			t.Errorf("automationDetails.id = %q", id)
		}
	})
	t.Run("fail-on never", func(t *testing.T) {
		out, code, log := run(t, map[string]string{"paths": "db", "fail-on": "never"})
		if code != 0 || out["exit-code"] != "0" || !strings.Contains(out["sarif"], `"ruleId": "grant-all"`) {
			t.Errorf("exit %d, outputs %v\n%s", code, out, log)
		}
	})
	t.Run("usage error", func(t *testing.T) {
		out, code, log := run(t, map[string]string{"config": "missing.toml"})
		if code != 2 || out["exit-code"] != "2" || out["sarif-file"] != "" || !strings.Contains(log, "::error title=grantguard::") {
			t.Errorf("exit %d, outputs %v\n%s", code, out, log)
		}
	})
	t.Run("no injection", func(t *testing.T) {
		// Split into words, never evaluated: "$(touch" is a missing path.
		out, code, log := run(t, map[string]string{"paths": "db/001_roles.sql $(touch pwned) `touch pwned2`; touch pwned3"})
		if code != 2 || out["exit-code"] != "2" || !strings.Contains(log, "$(touch: no such file or directory") {
			t.Errorf("exit %d, outputs %v\n%s", code, out, log)
		}
		for _, f := range []string{"pwned", "pwned2", "pwned3"} {
			if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
				t.Errorf("the paths input ran a command: %s exists", f)
			}
		}
	})
}

// TestReadmeActionRecipe checks the README workflow against action.yml.
func TestReadmeActionRecipe(t *testing.T) {
	var wf struct {
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal([]byte(readmeBlock(t, "## GitHub code scanning", "yaml")), &wf); err != nil {
		t.Fatalf("README workflow: %v", err)
	}
	if wf.Permissions["security-events"] != "write" {
		t.Errorf("the workflow needs permissions security-events: write, has %v", wf.Permissions)
	}
	a := readAction(t)
	found := false
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			if !strings.HasPrefix(s.Uses, "grantguard/grantguard@") {
				continue
			}
			found = true
			if s.Uses != "grantguard/grantguard@v"+version {
				t.Errorf("workflow pins %s, want the current version v%s", s.Uses, version)
			}
			for k := range s.With {
				if _, ok := a.Inputs[k]; !ok {
					t.Errorf("workflow passes %q, which action.yml does not declare", k)
				}
			}
		}
	}
	if !found {
		t.Error("the README workflow does not use grantguard/grantguard@...")
	}
}
