package baseline

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/rules"
)

// lintDir runs the real engine over dir, reporting paths relative to wd.
func lintDir(t *testing.T, wd string, paths ...string) []lint.Finding {
	t.Helper()
	res, err := lint.Run(context.Background(), lint.Options{
		Paths: paths, Catalogue: rules.All, Jobs: 1, WorkDir: wd,
	})
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// where lists findings as "path:line rule" for readable comparisons.
func where(fs []lint.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Path + ":" + strconv.Itoa(f.Line) + " " + f.Rule + "\n")
	}
	return b.String()
}

const legacy = `-- roles for the reporting service
CREATE ROLE reporting LOGIN PASSWORD 'Legacy-Secret-42';
GRANT ALL ON TABLE orders TO reporting;
GRANT SELECT ON TABLE customers TO PUBLIC;
`

// After the baseline was written: a header block pushed everything down,
// the GRANT ALL was reindented, the statements around it were edited, and
// two findings were added — a GRANT ALL of the same rule on another table,
// and a second copy of the accepted GRANT ALL line.
const edited = `-- roles for the reporting service
-- (owned by the data team; see RUNBOOK.md)

CREATE TABLE audit_log (id bigint);
CREATE ROLE reporting LOGIN PASSWORD 'Legacy-Secret-42';
GRANT SELECT ON TABLE audit_log TO reporting;
    GRANT   ALL ON TABLE orders    TO reporting;
GRANT SELECT ON TABLE customers TO PUBLIC;
GRANT ALL ON TABLE invoices TO reporting;
GRANT ALL ON TABLE orders TO reporting;
`

func TestSurvivesLineShiftsAndEdits(t *testing.T) {
	dir := t.TempDir()
	sql := filepath.Join(dir, "db", "001_roles.sql")
	writeFile(t, sql, legacy)
	before := lintDir(t, dir, ".")
	if got, want := where(before), "db/001_roles.sql:2 hardcoded-password\ndb/001_roles.sql:3 grant-all\ndb/001_roles.sql:4 grant-to-public\n"; got != want {
		t.Fatalf("fixture findings:\n%s\nwant:\n%s", got, want)
	}
	bpath := filepath.Join(dir, ".grantguard-baseline.json")
	if _, err := Write(bpath, before, dir); err != nil {
		t.Fatal(err)
	}

	writeFile(t, sql, edited)
	after := lintDir(t, dir, ".")
	b, err := Load(bpath, dir)
	if err != nil {
		t.Fatal(err)
	}
	kept, hidden := b.Filter(after, dir)
	// The three accepted findings moved (lines 5, 7, 8) and are hidden; the
	// new GRANT ALL on invoices and the extra copy on orders are not.
	if got, want := where(kept), "db/001_roles.sql:9 grant-all\ndb/001_roles.sql:10 grant-all\n"; got != want {
		t.Errorf("kept:\n%s\nwant:\n%s", got, want)
	}
	if hidden != 3 {
		t.Errorf("hid %d findings, want 3", hidden)
	}
}

// A finding of an accepted rule on another line is new, even in the same
// file and with the same message shape.
func TestNewFindingOfSameRuleIsNotHidden(t *testing.T) {
	dir := t.TempDir()
	sql := filepath.Join(dir, "m.sql")
	writeFile(t, sql, "GRANT ALL ON TABLE a TO app;\n")
	b := New(filepath.Join(dir, "baseline.json"), lintDir(t, dir, "."), dir)
	writeFile(t, sql, "GRANT ALL ON TABLE a TO app;\nGRANT ALL ON TABLE b TO app;\n")
	kept, hidden := b.Filter(lintDir(t, dir, "."), dir)
	if got := where(kept); got != "m.sql:2 grant-all\n" || hidden != 1 {
		t.Errorf("kept %q, hid %d; want m.sql:2 grant-all kept and 1 hidden", got, hidden)
	}

	// Editing the offending line itself makes it a different finding.
	writeFile(t, sql, "GRANT ALL ON TABLE a TO app_v2;\n")
	kept, _ = b.Filter(lintDir(t, dir, "."), dir)
	if got := where(kept); got != "m.sql:1 grant-all\n" {
		t.Errorf("edited offending line: kept %q, want it reported", got)
	}

	// The same line in another file is another finding.
	writeFile(t, sql, "GRANT ALL ON TABLE a TO app;\n")
	writeFile(t, filepath.Join(dir, "n.sql"), "GRANT ALL ON TABLE a TO app;\n")
	kept, _ = b.Filter(lintDir(t, dir, "."), dir)
	if got := where(kept); got != "n.sql:1 grant-all\n" {
		t.Errorf("copy in another file: kept %q, want n.sql reported", got)
	}
}

// Entry paths are relative to the baseline file, so the baseline matches
// from whichever directory grantguard runs.
func TestWorkDirIndependent(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "db", "m.sql"), "GRANT ALL ON TABLE a TO app;\n")
	bpath := filepath.Join(root, "baseline.json")
	if _, err := Write(bpath, lintDir(t, root, "db"), root); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(bpath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"path": "db/m.sql"`) {
		t.Errorf("entry path not relative to the baseline:\n%s", data)
	}
	sub := filepath.Join(root, "db")
	b, err := Load("../baseline.json", sub)
	if err != nil {
		t.Fatal(err)
	}
	fs := lintDir(t, sub, ".")
	if fs[0].Path != "m.sql" {
		t.Fatalf("path %q", fs[0].Path)
	}
	if kept, hidden := b.Filter(fs, sub); len(kept) != 0 || hidden != 1 {
		t.Errorf("from a subdirectory: kept %v, hid %d", where(kept), hidden)
	}
}

// The file is readable, stable and holds no secret.
func TestFileContents(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "m.sql"), legacy)
	bpath := filepath.Join(dir, "b.json")
	b, err := Write(bpath, lintDir(t, dir, "."), dir)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(bpath)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if strings.Contains(s, "Legacy-Secret-42") {
		t.Fatalf("the baseline holds the password in clear:\n%s", s)
	}
	for _, want := range []string{
		"{\n  \"format\": \"grantguard-baseline\",\n  \"version\": 1,\n  \"findings\": [\n",
		`"rule": "hardcoded-password"`, `"path": "m.sql"`, `"line": 3`, `"message": "GRANT ALL on`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("baseline lacks %q:\n%s", want, s)
		}
	}
	again, err := b.Marshal()
	if err != nil || string(again) != s {
		t.Errorf("Marshal is not stable")
	}
	loaded, err := Load(bpath, dir)
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Len() != 3 {
		t.Errorf("loaded %d entries, want 3", loaded.Len())
	}
}

// Long lines have no echoed source; their message keeps them apart.
func TestNoSourceLine(t *testing.T) {
	f1 := lint.Finding{Rule: "grant-all", Path: "a.sql", Line: 1, Message: "GRANT ALL on a"}
	f2 := lint.Finding{Rule: "grant-all", Path: "a.sql", Line: 1, Message: "GRANT ALL on b"}
	if Fingerprint(f1, "/w", "/w") == Fingerprint(f2, "/w", "/w") {
		t.Error("findings on a long line with different messages share a fingerprint")
	}
	f1.Line = 90
	if Fingerprint(f1, "/w", "/w") != Fingerprint(lint.Finding{Rule: "grant-all", Path: "a.sql", Line: 7, Message: "GRANT  ALL on a"}, "/w", "/w") {
		t.Error("the fingerprint depends on the line number")
	}
}

func TestBadFiles(t *testing.T) {
	dir := t.TempDir()
	okEntry := `{"fingerprint": "0123456789abcdef0123456789abcdef", "rule": "grant-all", "path": "a.sql"}`
	cases := []struct{ name, body, want string }{
		{"empty", "", "not a grantguard baseline: line 1: unexpected end of JSON input"},
		{"truncated", "{\n  \"format\": \"grantguard-baseline\",\n  \"version\": 1,\n  \"findings\": [\n", "not a grantguard baseline"},
		{"syntax error", "{\n\"format\": \"grantguard-baseline\",\n\"version\": 1,,\n}", "line 3: invalid character ','"},
		{"not an object", `[1, 2]`, "not a grantguard baseline"},
		{"other JSON", `{"version": "0.1.0", "findings": []}`, `not a grantguard baseline: no "format": "grantguard-baseline" member`},
		{"wrong format", `{"format": "gitleaks", "version": 1, "findings": []}`, `format is "gitleaks"`},
		{"no version", `{"format": "grantguard-baseline", "findings": []}`, `no "version" member`},
		{"newer version", `{"format": "grantguard-baseline", "version": 2, "findings": []}`, "format version 2 is not supported by this grantguard (it reads version 1); regenerate the file with --write-baseline"},
		{"version string", `{"format": "grantguard-baseline", "version": "1", "findings": []}`, `version is "1", want an integer`},
		{"no findings", `{"format": "grantguard-baseline", "version": 1}`, `no "findings" list`},
		{"findings not a list", `{"format": "grantguard-baseline", "version": 1, "findings": {}}`, "corrupt baseline: line 1: json: cannot unmarshal object"},
		{"bad fingerprint", `{"format": "grantguard-baseline", "version": 1, "findings": [{"fingerprint": "abc:1"}]}`, `findings[0] has fingerprint "abc:1", want 32 hex digits`},
		{"unknown member", `{"format": "grantguard-baseline", "version": 1, "findings": [` + okEntry + `], "extra": true}`, `unknown field "extra"`},
		{"trailing data", `{"format": "grantguard-baseline", "version": 1, "findings": []} {}`, "not a grantguard baseline"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".json")
			writeFile(t, p, tc.body)
			_, err := Load(p, dir)
			if err == nil {
				t.Fatal("loaded without error")
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), p) {
				t.Errorf("error %q\nwant it to name the file and contain %q", err, tc.want)
			}
		})
	}
	if _, err := Load(filepath.Join(dir, "absent.json"), dir); err == nil || err.Error() != "baseline "+filepath.Join(dir, "absent.json")+": no such file or directory" {
		t.Errorf("missing file: %v", err)
	}
	good := `{"format": "grantguard-baseline", "version": 1, "findings": [` + okEntry + `]}`
	if _, err := Parse([]byte(good)); err != nil {
		t.Errorf("valid file rejected: %v", err)
	}
}
