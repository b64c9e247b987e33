package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestEmitStreamsInReportOrder: with Options.Emit, the findings arrive file
// by file, and their concatenation is exactly the sorted report a run
// without Emit returns, whatever the number of workers. The tree has names
// whose walk order differs from the sorted order ("a/x.sql" is walked
// before "a.sql", but "a.sql" < "a/x.sql"), a file with no findings and a
// skipped one.
func TestEmitStreamsInReportOrder(t *testing.T) {
	files := map[string]string{
		"a/x.sql":   "GRANT SELECT ON t TO r;\nGRANT ALL ON t TO r;\n", // test-grant fires on every GRANT
		"a.sql":     "GRANT ALL ON t TO r;\n",
		"a-b.sql":   "GRANT ALL ON t TO r;",
		"b/c/d.sql": "SELECT 1;",
		"b/bin.sql": "GRANT ALL\x00",
		"z.sql":     "GRANT ALL ON t TO r; GRANT ALL ON u TO r;\n",
	}
	for i := range 40 {
		files[fmt.Sprintf("m/%03d.sql", i)] = "GRANT ALL ON t TO r;\n"
	}
	dir := writeTree(t, files)
	want, err := Run(t.Context(), Options{WorkDir: dir, Catalogue: testCatalogue(), Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Findings) != 46 || len(want.Skipped) != 1 || want.Files != len(files)-1 {
		t.Fatalf("reference run: %d findings, %d skipped, %d files", len(want.Findings), len(want.Skipped), want.Files)
	}
	for _, jobs := range []int{1, 2, 3, 16} {
		var got []Finding
		var calls int
		res, err := Run(t.Context(), Options{WorkDir: dir, Catalogue: testCatalogue(), Jobs: jobs, Emit: func(fs []Finding) error {
			calls++
			if len(fs) == 0 {
				t.Error("Emit called with no findings")
			}
			for _, f := range fs[1:] {
				if f.Path != fs[0].Path {
					t.Errorf("one Emit call mixes %s and %s", fs[0].Path, f.Path)
				}
			}
			got = append(got, fs...)
			return nil
		}})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(got, want.Findings, func(a, b Finding) bool { return a == b }) {
			t.Errorf("jobs=%d: streamed findings differ from the sorted report", jobs)
		}
		if calls != 44 || len(res.Findings) != 0 || !slices.Equal(res.Skipped, want.Skipped) || res.Files != want.Files {
			t.Errorf("jobs=%d: %d Emit calls (want 44), %d findings kept, skipped %v, %d files", jobs, calls, len(res.Findings), res.Skipped, res.Files)
		}
	}
	// An error from Emit ends the run and is Run's error.
	stop := errors.New("disk full")
	n := 0
	_, err = Run(t.Context(), Options{WorkDir: dir, Catalogue: testCatalogue(), Jobs: 2, Emit: func([]Finding) error {
		n++
		return stop
	}})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Emit error: Run returned %v after %d calls, want %v after 1", err, n, stop)
	}
}

// TestComparePaths: component by component, the order of a directory walk.
func TestComparePaths(t *testing.T) {
	sorted := []string{"", "a", "a/b", "a/b/c.sql", "a/x.sql", "a-b.sql", "a.sql", "a0", "b", "b/a", "ba"}
	for i, a := range sorted {
		for j, b := range sorted {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := ComparePaths(a, b); got != want {
				t.Errorf("ComparePaths(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

// TestStreamedWalkMatchesCollectedWalk: one directory is linted while it
// is walked; several paths are collected and sorted first. Both give the
// same report for the same files.
func TestStreamedWalkMatchesCollectedWalk(t *testing.T) {
	dir := writeTree(t, grantFiles("a/x.sql", "a.sql", "a-b/c.sql", "a b.sql", "z/y/x.sql", "m.sql"))
	run := func(paths ...string) []string {
		var got []string
		res, err := Run(t.Context(), Options{WorkDir: dir, Paths: paths, Catalogue: testCatalogue(), Jobs: 2, Emit: func(fs []Finding) error {
			for _, f := range fs {
				got = append(got, f.Path)
			}
			return nil
		}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Files != 6 {
			t.Errorf("%v: %d files, want 6", paths, res.Files)
		}
		return got
	}
	want := []string{"a/x.sql", "a b.sql", "a-b/c.sql", "a.sql", "m.sql", "z/y/x.sql"}
	if got := run("."); !slices.Equal(got, want) {
		t.Errorf("streamed walk: %q, want %q", got, want)
	}
	if got := run("z", "a.sql", ".", "a"); !slices.Equal(got, want) {
		t.Errorf("collected walk: %q, want %q", got, want)
	}
}

// fakeSource is a file whose size changes between the fstat and the read.
type fakeSource struct {
	statSize int64
	data     []byte
	reads    int
}

func (f *fakeSource) info() (bool, int64, error) { return true, f.statSize, nil }
func (f *fakeSource) Close() error               { return nil }
func (f *fakeSource) Read(b []byte) (int, error) {
	f.reads++
	if len(f.data) == 0 {
		return 0, io.EOF
	}
	n := copy(b, f.data)
	f.data = f.data[n:]
	return n, nil
}

// TestReadAllFileChangingWhileRead: a file that grew or shrank since its
// fstat is read as it is now; one that grew over the limit is a note.
func TestReadAllFileChangingWhileRead(t *testing.T) {
	grown := bytes.Repeat([]byte("x"), 5000)
	src, note := readAll(&fakeSource{statSize: 10, data: grown})
	if note != "" || len(src) != 5000 {
		t.Errorf("grown: %d bytes, note %q", len(src), note)
	}
	src, note = readAll(&fakeSource{statSize: 100, data: []byte("SELECT 1;")})
	if note != "" || string(src) != "SELECT 1;" {
		t.Errorf("shrunk: %q, note %q", src, note)
	}
	f := &fakeSource{statSize: 9, data: []byte("SELECT 1;")}
	if src, note = readAll(f); note != "" || string(src) != "SELECT 1;" || f.reads != 1 {
		t.Errorf("unchanged: %q, note %q, %d reads (want 1: a short read of a regular file is its end)", src, note, f.reads)
	}
	_, note = readAll(&fakeSource{statSize: 10, data: make([]byte, MaxFileSize+10)})
	if want := fmt.Sprintf("skipped: file is over the %d-byte limit", MaxFileSize); note != want {
		t.Errorf("grown over the limit: note %q, want %q", note, want)
	}
}

// TestWalkSymlinkedRootAndParentRoot: a root that is a symlink to a
// directory is walked (named by the link), and a root that holds the
// working directory, whose files get relative and absolute paths, still
// streams its findings in sorted order.
func TestWalkSymlinkedRootAndParentRoot(t *testing.T) {
	dir := writeTree(t, grantFiles("real/a.sql", "real/b/x.sql", "real/c.sql"))
	if err := os.Symlink("real", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	run := func(wd string, paths ...string) []string {
		var got []Finding
		_, err := Run(t.Context(), Options{WorkDir: wd, Paths: paths, Catalogue: testCatalogue(), Jobs: 2, Emit: func(fs []Finding) error {
			got = append(got, fs...)
			return nil
		}})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.IsSortedFunc(got, Compare) {
			t.Errorf("%v from %s: findings out of order", paths, wd)
		}
		var out []string
		for _, f := range got {
			out = append(out, f.Path)
		}
		return out
	}
	if got, want := run(dir, "link"), []string{"link/a.sql", "link/b/x.sql", "link/c.sql"}; !slices.Equal(got, want) {
		t.Errorf("symlinked root: %q, want %q", got, want)
	}
	if got := run(filepath.Join(dir, "link")); !slices.Equal(got, []string{"a.sql", "b/x.sql", "c.sql"}) {
		t.Errorf("working directory through a symlink: %q", got)
	}
	if got := run(filepath.Join(dir, "real", "b"), ".."); len(got) != 3 {
		t.Errorf("parent root: %q", got)
	}
	// The report being written is never linted.
	out := filepath.Join(dir, "real", "report.json")
	if err := os.WriteFile(out, []byte(`{"dsn": "postgres://u:secret@db.example/app"`), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Run(t.Context(), Options{WorkDir: dir, Paths: []string{"real"}, Catalogue: testCatalogue(), SkipFiles: []string{out}})
	if err != nil || res.Files != 3 {
		t.Errorf("SkipFiles: %d files linted (want 3), %v", res.Files, err)
	}
}

// grantFiles is a tree of files with one GRANT ALL each.
func grantFiles(names ...string) map[string]string {
	files := map[string]string{}
	for _, n := range names {
		files[n] = "GRANT ALL ON t TO r;\n"
	}
	return files
}

// TestProjectCheckPanic: a project check that panics becomes a note naming
// its rule; the other checks' findings and every file's own are kept.
func TestProjectCheckPanic(t *testing.T) {
	dir := writeTree(t, grantFiles("a.sql"))
	boom := &Rule{Meta: Meta{ID: "boom", Severity: Error, Title: "t"}, Project: func(p *ProjectPass) {
		p.Report("a.sql", 0, "half-reported")
		panic("replay bug")
	}}
	fine := &Rule{Meta: Meta{ID: "fine", Severity: Error, Title: "t"}, Project: func(p *ProjectPass) {
		p.Report("a.sql", 0, "whole history")
	}}
	cat := append(testCatalogue(), boom, fine)
	res, err := Run(t.Context(), Options{WorkDir: dir, Catalogue: cat})
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, f := range res.Findings {
		rules = append(rules, f.Rule)
	}
	if !slices.Equal(rules, []string{"fine", "test-grant"}) {
		t.Errorf("findings of rules %q, want fine and test-grant (nothing of the rule that panicked)", rules)
	}
	if !slices.Equal(res.Skipped, []Skip{{"boom", "skipped: internal error: replay bug"}}) {
		t.Errorf("notes %v", res.Skipped)
	}
}

// TestUnparsedSecretsRedacted: in SQL that does not parse no rule sees a
// password, but the echoed line and the parser's message must not show it
// either: after PASSWORD, inside a connection string, in an unterminated
// literal.
func TestUnparsedSecretsRedacted(t *testing.T) {
	files := map[string]string{
		"a.sql": "CREATE ROLE r LOGIN PASSWORD 'hunter2secret' 'again';\nCREATE ROLE q PASSWORD = 'hunter3secret';\n",
		"b.sql": "CREATE USER MAPPING FOR u SERVER s OPTIONS (user 'a' password 'mapsecret99') bad;\n" +
			"SELECT dblink_connect('host=db password=connsecret77' 'x');\n",
		"c.sql": "ALTER ROLE z PASSWORD 'unterminated-secret\n",
		"d.sql": "SELECT dblink_connect('host=db password=freetextsecret' 'x');\nSELECT 'open\n",
	}
	res, err := Run(t.Context(), Options{WorkDir: writeTree(t, files), Catalogue: Catalogue{&Rule{Meta: Meta{ID: ParseErrorID, Severity: Error, Title: "t"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 7 {
		t.Errorf("%d parse errors, want 7: %v", len(res.Findings), res.Findings)
	}
	for _, f := range res.Findings {
		for _, secret := range []string{"hunter2secret", "hunter3secret", "mapsecret99", "connsecret77", "unterminated-secret", "freetextsecret"} {
			if strings.Contains(f.Source, secret) || strings.Contains(f.Message, secret) {
				t.Errorf("%s:%d shows %q: %s | %s", f.Path, f.Line, secret, f.Message, f.Source)
			}
		}
	}
	_, probs := ParseSQLFile([]byte(files["c.sql"]))
	if len(probs) != 1 || strings.Contains(probs[0].Message, "unterminated-secret") {
		t.Errorf("ParseSQLFile problems %v", probs)
	}
}

// TestUnparsedConfigSecretsRedacted: the same for config, env and server
// config files that do not parse.
func TestUnparsedConfigSecretsRedacted(t *testing.T) {
	files := map[string]string{
		"a.yaml":          "db:\n  password: \"cfgsecret01\n  user: x\n",
		"b.json":          `{"password": "cfgsecret02" "x": 1}`,
		"c.toml":          "password = \"cfgsecret03\n",
		"d.env":           "PGPASSWORD=\"cfgsecret04\nX=1\n",
		"e.tf":            "resource \"x\" \"y\" {\n  db_password = \"cfgsecret05\n}\n",
		"postgresql.conf": "dsn = 'postgres://u:cfgsecret06@h/db\n",
	}
	res, err := Run(t.Context(), Options{WorkDir: writeTree(t, files), Catalogue: Catalogue{&Rule{Meta: Meta{ID: ParseErrorID, Severity: Error, Title: "t"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != len(files) {
		t.Errorf("%d parse errors, want %d: %v", len(res.Findings), len(files), res.Findings)
	}
	for _, f := range res.Findings {
		if strings.Contains(f.Source+f.Message, "cfgsecret") {
			t.Errorf("%s:%d shows a secret: %s | %s", f.Path, f.Line, f.Message, f.Source)
		}
	}
}
