package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/grantguard/grantguard/lint/gofront"
)

func init() {
	// The tests of this package run check many times: keep them out of the
	// user's cache, unless a test sets a cache of its own.
	if os.Getenv(gofront.CacheEnv) == "" {
		_ = os.Setenv(gofront.CacheEnv, "off")
	}
}

const gocacheSecret = "Tr0ub4dor-gocache-pw"

// gocacheTree is a module whose Go files have findings, a suppression
// comment that is used, one that is not, a file the build constraints
// leave out, and a migration beside them.
func gocacheTree(t *testing.T) string {
	return writeTree(t, map[string]string{
		"go.mod": "module example.com/app\n\ngo 1.22\n",
		"db/db.go": `package db

import "crypto/tls"

const dbPassword = "` + gocacheSecret + `"

// DSN carries its own password.
const DSN = "postgres://app:" + dbPassword + "@db.internal:5432/app?sslmode=disable"

func insecure() *tls.Config {
	//grantguard:ignore tls-insecure-skip-verify test server only
	return &tls.Config{InsecureSkipVerify: true}
}

//grantguard:ignore broad-cidr nothing here
var other = insecure
`,
		"cmd/app/main.go": `package main

import "example.com/app/db"

var pw = db.DSN

func main() { _ = pw }
`,
		"db/other_os.go":           "//go:build plan9\n\npackage db\n\nconst password = \"" + gocacheSecret + "\"\n",
		"migrations/001_roles.sql": "GRANT ALL ON ALL TABLES IN SCHEMA public TO PUBLIC;\n",
	})
}

// A run that reads every Go result from the cache prints exactly what a run
// without the cache prints, in every format, with suppression comments,
// unused-ignore and baselines applied as usual; the cache holds no secret.
func TestGoCacheSameOutput(t *testing.T) {
	dir := gocacheTree(t)
	chdir(t, dir)
	cacheDir := t.TempDir()
	for _, f := range []string{"text", "json", "sarif", "github"} {
		t.Setenv(gofront.CacheEnv, "off")
		want, wantErr, wantCode := runCLI(t, "check", "--format", f, ".")
		for _, s := range []string{"hardcoded-password", "unused-ignore", "grant-all"} {
			if !strings.Contains(want, s) {
				t.Fatalf("%s: no %s finding:\n%s", f, s, want)
			}
		}
		t.Setenv(gofront.CacheEnv, cacheDir)
		for _, run := range []string{"filling the cache", "from the cache"} {
			out, errOut, code := runCLI(t, "check", "--format", f, ".")
			if out != want || errOut != wantErr || code != wantCode {
				t.Errorf("%s, %s: exit %d, stdout:\n%s\nstderr:\n%s\nwant exit %d, stdout:\n%s\nstderr:\n%s", f, run, code, out, errOut, wantCode, want, wantErr)
			}
		}
	}

	// Baselines hide the same findings whether they come from the cache
	// or not.
	if _, errOut, code := runCLI(t, "check", "--write-baseline", "base.json", "."); code != exitOK {
		t.Fatalf("--write-baseline: exit %d: %s", code, errOut)
	}
	if out, errOut, code := runCLI(t, "check", "--baseline", "base.json", "."); code != exitOK || out != "" {
		t.Errorf("--baseline with the cache: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	out, _, code := runCLI(t, "cache", "status")
	if code != exitOK || !strings.Contains(out, "Dir: "+filepath.Join(cacheDir, "go")) || strings.Contains(out, "Entries: 0\n") {
		t.Errorf("cache status: exit %d:\n%s", code, out)
	}
	err := filepath.WalkDir(cacheDir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil && (bytes.Contains(data, []byte(gocacheSecret)) || bytes.Contains(data, []byte("Tr0ub"))) {
			t.Errorf("%s holds the password", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runCLI(t, "cache", "clean"); code != exitOK {
		t.Errorf("cache clean: exit %d: %s", code, errOut)
	}
	if out, _, _ := runCLI(t, "cache", "status"); !strings.Contains(out, "Entries: 0\n") {
		t.Errorf("cache status after clean:\n%s", out)
	}
	t.Setenv(gofront.CacheEnv, "off")
	if out, _, code := runCLI(t, "cache", "status"); code != exitOK || !strings.Contains(out, "off") {
		t.Errorf("cache status with the cache off: exit %d:\n%s", code, out)
	}
	if _, _, code := runCLI(t, "cache"); code != exitError {
		t.Errorf("cache without a command: exit %d, want %d", code, exitError)
	}
}
