package gitdiff

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	diff := `diff --git a/db/001.sql b/db/001.sql
index 3b18e51..a7c2b1d 100644
--- a/db/001.sql
+++ b/db/001.sql
@@ -0,0 +1,2 @@
+-- header
+
@@ -3 +5 @@ GRANT SELECT ON t TO app;
-GRANT ALL ON t TO app;
+GRANT ALL ON t TO app_rw;
@@ -9,2 +10,0 @@
-gone
-gone too
@@ -20,0 +20,3 @@
+a
+b
+c
diff --git a/old name.sql b/new name.sql
similarity 90%
rename from old name.sql
rename to new name.sql
index 1..2 100644
--- a/old name.sql
+++ b/new name.sql
@@ -4 +4 @@
-x
+y
diff --git "a/tab\there.sql" "b/tab\there.sql"
--- "a/tab\there.sql"
+++ "b/tab\there.sql"
@@ -1 +1 @@
-x
+y
diff --git "a/caf\303\251 \"q\".sql" "b/caf\303\251 \"q\".sql"
--- "a/caf\303\251 \"q\".sql"
+++ "b/caf\303\251 \"q\".sql"
@@ -1 +1,1 @@
-x
+y
diff --git a/deleted.sql b/deleted.sql
deleted file mode 100644
--- a/deleted.sql
+++ /dev/null
@@ -1,2 +0,0 @@
-a
-b
diff --git a/img.png b/img.png
Binary files a/img.png and b/img.png differ
diff --git a/script.sh b/script.sh
old mode 100644
new mode 100755
diff --git a/only-deletions.sql b/only-deletions.sql
--- a/only-deletions.sql
+++ b/only-deletions.sql
@@ -2 +1,0 @@
-x
`
	got, err := Parse(strings.NewReader(diff))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]Range{
		"db/001.sql":    {{1, 2}, {5, 5}, {20, 22}},
		"new name.sql":  {{4, 4}},
		"tab\there.sql": {{1, 1}},
		`café "q".sql`:  {{1, 1}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse:\n got %#v\nwant %#v", got, want)
	}

	for _, bad := range []string{
		"diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +one @@\n",
		"diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1\n",
		"diff --git a/x b/x\n--- a/x\n+++ \"b/x\n",
		"diff --git a/x b/x\n--- a/x\n+++ \"b/\\9x\"\n",
	} {
		if _, err := Parse(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "line ") {
			t.Errorf("Parse(%q) = %v, want an error naming the line", bad, err)
		}
	}
}

// gitRepo makes a repository in a temporary directory, isolated from the
// user's and the system's git configuration.
func gitRepo(t *testing.T) (dir string, run func(args ...string) string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir = t.TempDir()
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(dir, ".no-global-gitconfig"))
	t.Setenv("GIT_AUTHOR_NAME", "t")
	t.Setenv("GIT_AUTHOR_EMAIL", "t@example.com")
	t.Setenv("GIT_COMMITTER_NAME", "t")
	t.Setenv("GIT_COMMITTER_EMAIL", "t@example.com")
	run = func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	run("init", "-q", "-b", "main")
	return dir, run
}

func write(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func lines(n int, prefix string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%s %d\n", prefix, i)
	}
	return b.String()
}

func TestSince(t *testing.T) {
	dir, git := gitRepo(t)
	write(t, filepath.Join(dir, "db", "a.sql"), lines(10, "line"))
	write(t, filepath.Join(dir, "db", "gone.sql"), "x\n")
	write(t, filepath.Join(dir, "old.sql"), lines(5, "keep"))
	write(t, filepath.Join(dir, ".gitignore"), "ignored.sql\n")
	git("add", ".")
	git("commit", "-q", "-m", "base")
	base := git("rev-parse", "HEAD")

	// Committed after base: two lines inserted at the top of a.sql.
	write(t, filepath.Join(dir, "db", "a.sql"), "new 1\nnew 2\n"+lines(10, "line"))
	git("commit", "-q", "-am", "second")
	// Uncommitted: line 6 (old "line 4") changed, old lines 8-9 deleted, a
	// file renamed with one edit, one staged new file, one untracked, one
	// ignored, one deleted.
	a := strings.Replace("new 1\nnew 2\n"+lines(10, "line"), "line 4\n", "LINE 4\n", 1)
	a = strings.Replace(a, "line 6\nline 7\n", "", 1)
	write(t, filepath.Join(dir, "db", "a.sql"), a)
	git("mv", "old.sql", "renamed.sql")
	write(t, filepath.Join(dir, "renamed.sql"), strings.Replace(lines(5, "keep"), "keep 3", "edited 3", 1))
	write(t, filepath.Join(dir, "staged.sql"), "s\n")
	git("add", "staged.sql", "renamed.sql")
	write(t, filepath.Join(dir, "db", "untracked.sql"), "u\n")
	write(t, filepath.Join(dir, "ignored.sql"), "i\n")
	git("rm", "-q", "db/gone.sql")

	// Run from a subdirectory, as a user in db/ would.
	ch, err := Since(context.Background(), filepath.Join(dir, "db"), base)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]Range{
		"db/a.sql":         {{1, 2}, {6, 6}},
		"renamed.sql":      {{3, 3}},
		"staged.sql":       {{1, 1}},
		"db/untracked.sql": nil,
	}
	if !reflect.DeepEqual(ch.Files, want) {
		t.Errorf("Files:\n got %#v\nwant %#v", ch.Files, want)
	}

	wd := filepath.Join(dir, "db")
	for _, tc := range []struct {
		path string
		line int
		want bool
	}{
		{"a.sql", 1, true},
		{"a.sql", 3, false}, // "line 1": unchanged, only shifted
		{"a.sql", 6, true},
		{"a.sql", 7, false},
		{"a.sql", 0, true}, // whole-file finding in a changed file
		{"untracked.sql", 1, true},
		{"../renamed.sql", 2, false},
		{"../renamed.sql", 3, true},
		{filepath.Join(dir, "staged.sql"), 1, true},
		{"../ignored.sql", 1, false},
		{"../.gitignore", 1, false},
		{"/elsewhere/x.sql", 1, false},
	} {
		if got := ch.Contains(wd, tc.path, tc.line); got != tc.want {
			t.Errorf("Contains(%q, %d) = %v, want %v", tc.path, tc.line, got, tc.want)
		}
	}

	// Through a symbolic link to the work tree, paths still match.
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	ch, err = Since(context.Background(), link, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if !ch.Contains(link, "db/a.sql", 6) || ch.Contains(link, "db/a.sql", 1) {
		t.Errorf("through a symlink: %#v", ch.Files)
	}
}

func TestSinceErrors(t *testing.T) {
	dir, git := gitRepo(t)
	write(t, filepath.Join(dir, "a.sql"), "x\n")
	git("add", ".")
	git("commit", "-q", "-m", "base")
	outside := t.TempDir()
	for _, tc := range []struct {
		dir, rev, want string
	}{
		{dir, "no-such-branch", `--new-from-rev: unknown revision "no-such-branch" in ` + dir},
		{dir, "HEAD~5", `unknown revision "HEAD~5"`},
		{dir, "HEAD^{tree}", `unknown revision "HEAD^{tree}"`},
		{dir, "--output=/tmp/x", `"--output=/tmp/x" is not a revision`},
		{outside, "HEAD", "--new-from-rev needs a git repository, and " + outside + " is not inside one"},
	} {
		_, err := Since(context.Background(), tc.dir, tc.rev)
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Since(%s, %q) = %v, want an *Error containing %q", tc.dir, tc.rev, err, tc.want)
		}
	}
}
