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
	if testing.Short() {
		t.Skip("builds a binary and runs go vet")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	tool := filepath.Join(t.TempDir(), "grantguard-vet")
	build := exec.Command(goBin, "build", "-o", tool, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
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
