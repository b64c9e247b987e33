package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestGoVet builds grantguard-vet and runs `go vet -vettool` on a fixture
// module: the diagnostics must be exactly the ones its want comments name.
func TestGoVet(t *testing.T) {
	goBin, tool := buildTool(t)
	mod, err := filepath.Abs(filepath.Join("testdata", "mod"))
	if err != nil {
		t.Fatal(err)
	}
	vet := exec.Command(goBin, "vet", "-vettool="+tool, "./...")
	vet.Dir = mod
	vet.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-buildvcs=false")
	out, err := vet.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() == 0 {
		t.Fatalf("go vet: want exit status 1 with findings, got %v\n%s", err, out)
	}

	lineRE := regexp.MustCompile(`^(?:\./)?(db/db\.go):(\d+):\d+: ([a-z-]+): `)
	var got []string
	for l := range strings.SplitSeq(string(out), "\n") {
		if m := lineRE.FindStringSubmatch(l); m != nil {
			got = append(got, m[1]+":"+m[2]+" "+m[3])
		}
		if strings.Contains(l, "Hunter2") || strings.Contains(l, "correct-horse") {
			t.Errorf("secret in clear in go vet output: %s", l)
		}
	}
	want := wants(t, filepath.Join(mod, "db", "db.go"), "db/db.go")
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("go vet diagnostics differ\n got: %q\nwant: %q\noutput:\n%s", got, want, out)
	}
}

// buildTool builds grantguard-vet into a temporary directory and returns
// the go command and the tool; it skips the test in -short mode or
// without a go command.
func buildTool(t *testing.T) (goBin, tool string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a binary")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	tool = filepath.Join(t.TempDir(), "grantguard-vet")
	if out, err := exec.Command(goBin, "build", "-o", tool, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return goBin, tool
}

// wants reads `// want "rule" ...` comments.
func wants(t *testing.T, path, name string) []string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	itemRE := regexp.MustCompile(`"([a-z-]+)"`)
	for n := 1; sc.Scan(); n++ {
		_, after, ok := strings.Cut(sc.Text(), "// want ")
		if !ok {
			continue
		}
		for _, m := range itemRE.FindAllStringSubmatch(after, -1) {
			out = append(out, name+":"+itoa(n)+" "+m[1])
		}
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// The editor recipe: go vet -vettool run from a package's directory, as
// editors run it. The module's .grantguard.toml applies (it disables
// tls-insecure-skip-verify), a relative -config is found at the module
// root, a missing one is a short error; run on its own, the tool ignores
// -c, which would print the source line with the password.
func TestGoVetFromPackageDirectory(t *testing.T) {
	goBin, tool := buildTool(t)
	mod := t.TempDir()
	for name, src := range map[string]string{
		"go.mod":           "module example.com/m\n\ngo 1.22\n",
		".grantguard.toml": "[rules]\ndisable = [\"tls-insecure-skip-verify\"]\n",
		"internal/db/db.go": "package db\n\nimport \"crypto/tls\"\n\n" +
			"const dbPassword = \"correct-horse-battery\"\n\n" +
			"var TLS = &tls.Config{InsecureSkipVerify: true}\n",
	} {
		p := filepath.Join(mod, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pkgDir := filepath.Join(mod, "internal", "db")
	vet := func(args ...string) (string, int) {
		cmd := exec.Command(goBin, append([]string{"vet", "-vettool=" + tool}, args...)...)
		cmd.Dir = pkgDir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-buildvcs=false")
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(out), "correct-horse") {
			t.Errorf("go vet %v: password in clear:\n%s", args, out)
		}
		return string(out), code
	}
	for _, args := range [][]string{{"."}, {"-config=.grantguard.toml", "."}} {
		out, code := vet(args...)
		if code == 0 || !strings.Contains(out, "db.go:5:21: hardcoded-password:") {
			t.Errorf("go vet %v: exit %d, want the password finding:\n%s", args, code, out)
		}
		if strings.Contains(out, "tls-insecure-skip-verify") {
			t.Errorf("go vet %v: the module's config was not applied:\n%s", args, out)
		}
	}
	out, code := vet("-config=absent.toml", ".")
	if code == 0 || !strings.Contains(out, "grantguard-vet: -config:") || strings.Count(out, "\n") > 5 {
		t.Errorf("missing config: exit %d, want a short error:\n%s", code, out)
	}
	// Run on its own, the tool prints findings itself: -c must not make
	// it echo the line with the password. It exits 3 on findings.
	for _, args := range [][]string{{"-c=0", "."}, {"-c", "1", "."}} {
		cmd := exec.Command(tool, args...)
		cmd.Dir = pkgDir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-buildvcs=false")
		out, err := cmd.CombinedOutput()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 3 || !strings.Contains(string(out), "db.go:5:21: hardcoded-password:") {
			t.Errorf("grantguard-vet %v: %v, want exit 3 with the finding:\n%s", args, err, out)
		}
		if strings.Contains(string(out), "correct-horse") {
			t.Errorf("grantguard-vet %v: password in clear:\n%s", args, out)
		}
	}
}

// TestFix: -fix applies the analyzers' suggested fixes, after which the
// fixed rules find nothing and the module still builds; -diff, whose
// lines are not redacted, is refused without printing the password.
func TestFix(t *testing.T) {
	goBin, tool := buildTool(t)
	mod := t.TempDir()
	src := "package db\n\n" +
		"const DSN = \"postgres://app:correct-horse-battery@db.example.com/app?sslmode=require\"\n"
	tlsSrc := "package db\n\nimport (\n\t\"crypto/tls\"\n\t\"crypto/x509\"\n)\n\n" +
		"func TLS(pool *x509.CertPool) *tls.Config {\n\treturn &tls.Config{\n\t\tRootCAs:            pool,\n" +
		"\t\tInsecureSkipVerify: true,\n\t\tServerName:         \"db.example.com\",\n\t}\n}\n"
	for name, text := range map[string]string{"go.mod": "module example.com/m\n\ngo 1.22\n", "db.go": src, "tls.go": tlsSrc} {
		if err := os.WriteFile(filepath.Join(mod, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) (string, int) {
		cmd := exec.Command(tool, args...)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-buildvcs=false")
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(out), "correct-horse") {
			t.Errorf("grantguard-vet %v: password in clear:\n%s", args, out)
		}
		return string(out), code
	}
	for _, args := range [][]string{{"-fix", "-diff", "."}, {"-diff=true", "-fix", "."}} {
		out, code := run(args...)
		if code != 2 || !strings.Contains(out, "-diff is not supported") {
			t.Errorf("grantguard-vet %v: exit %d, want 2 with a refusal:\n%s", args, code, out)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(mod, "db.go")); string(got) != src {
		t.Fatalf("-diff changed the file:\n%s", got)
	}
	run("-fix", ".")
	got, err := os.ReadFile(filepath.Join(mod, "db.go"))
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(src, "sslmode=require", "sslmode=verify-full", 1); string(got) != want {
		t.Errorf("after -fix:\n%s\nwant:\n%s", got, want)
	}
	got, err = os.ReadFile(filepath.Join(mod, "tls.go"))
	if err != nil {
		t.Fatal(err)
	}
	// The driver formats what it fixes.
	if want := strings.NewReplacer("\t\tInsecureSkipVerify: true,\n", "", "RootCAs:            pool", "RootCAs:    pool",
		"ServerName:         ", "ServerName: ").Replace(tlsSrc); string(got) != want {
		t.Errorf("after -fix:\n%s\nwant:\n%s", got, want)
	}
	out, _ := run(".")
	if strings.Contains(out, "insecure-sslmode") || strings.Contains(out, "tls-insecure-skip-verify") || !strings.Contains(out, "hardcoded-password") {
		t.Errorf("after -fix, want only the password finding:\n%s", out)
	}
	build := exec.Command(goBin, "build", "./...")
	build.Dir = mod
	build.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-buildvcs=false")
	if out, err := build.CombinedOutput(); err != nil {
		t.Errorf("the fixed module does not build: %v\n%s", err, out)
	}
}
