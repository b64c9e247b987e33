package lint

import (
	"slices"
	"testing"
)

func TestWalkSkipRules(t *testing.T) {
	files := map[string]string{
		"a.sql":                      "GRANT SELECT ON t TO r;",
		"sub/b.sql":                  "GRANT SELECT ON t TO r;",
		".git/c.sql":                 "GRANT SELECT ON t TO r;",
		"vendor/d.sql":               "GRANT SELECT ON t TO r;",
		"node_modules/e.sql":         "GRANT SELECT ON t TO r;",
		"sub/testdata/f.sql":         "GRANT SELECT ON t TO r;",
		"legacy/g.sql":               "GRANT SELECT ON t TO r;",
		"README.md":                  "GRANT SELECT ON t TO r;",
		"notes.txt":                  "GRANT SELECT ON t TO r;",
		"testdata/h.sql":             "GRANT SELECT ON t TO r;",
		"db/V1__init.sql":            "GRANT SELECT ON t TO r;",
		"db/0001_x.up.sql":           "GRANT SELECT ON t TO r;",
		"generated/deep/er/i.sql":    "GRANT SELECT ON t TO r;",
		"generated/deep/er/keep.sql": "GRANT SELECT ON t TO r;",
	}
	dir := writeTree(t, files)
	paths := func(opts Options) []string {
		opts.WorkDir = dir
		opts.Catalogue = testCatalogue()
		r, err := Run(t.Context(), opts)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range r.Findings {
			out = append(out, f.Path)
		}
		return out
	}
	cfg := DefaultConfig()
	cfg.Dir = dir
	cfg.Exclude = []string{"legacy/**", "generated/**/i.sql"}
	got := paths(Options{Config: cfg})
	want := []string{"a.sql", "db/0001_x.up.sql", "db/V1__init.sql", "generated/deep/er/keep.sql", "sub/b.sql"}
	if !slices.Equal(got, want) {
		t.Errorf("walk found %q, want %q", got, want)
	}
	// A named testdata directory is walked; a named file is always linted.
	got = paths(Options{Config: cfg, Paths: []string{"testdata", "legacy/g.sql", "README.md", "a.sql", "./a.sql"}})
	want = []string{"a.sql", "legacy/g.sql", "testdata/h.sql"}
	if !slices.Equal(got, want) {
		t.Errorf("named paths found %q, want %q", got, want)
	}
}

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		pat, name string
		want      bool
	}{
		{"legacy/**", "legacy/a/b.sql", true},
		{"legacy/**", "src/legacy/a.sql", false},
		{"**/legacy/**", "src/legacy/a.sql", true},
		{"*.sql", "deep/dir/x.sql", true},
		{"db/*.sql", "db/x.sql", true},
		{"db/*.sql", "db/sub/x.sql", false},
		{"db/**/*.sql", "db/x.sql", true},
		{"db/**/*.sql", "db/a/b/x.sql", true},
		{"./db/x.sql", "db/x.sql", true},
		{"[", "x", false},
	}
	for _, tt := range tests {
		if got := matchGlob(tt.pat, tt.name); got != tt.want {
			t.Errorf("matchGlob(%q, %q) = %v, want %v", tt.pat, tt.name, got, tt.want)
		}
	}
}

func TestSuppression(t *testing.T) {
	src := "GRANT SELECT ON t TO a; -- grantguard:ignore test-grant reviewed in SEC-1\n" +
		"-- grantguard:ignore test-grant,unknown-rule legacy\n" +
		"GRANT SELECT ON t TO b;\n" +
		"GRANT SELECT ON t TO c;\n" +
		"-- grantguard:ignore test-grant nothing below\n" +
		"\n" +
		"SELECT '-- grantguard:ignore test-grant'; GRANT SELECT ON t TO d;\n" +
		"/* grantguard:ignore test-grant block comment */ GRANT SELECT ON t TO e;\n" +
		"-- grantguard:ignore\n" +
		"-- write grantguard:ignore test-grant to suppress; grantguard:ignore, as prose\n" +
		"GRANT SELECT ON t TO f;\n"
	res := runOn(t, map[string]string{"s.sql": src}, Options{})
	got := summary(res)
	want := []string{
		"s.sql:2:4 note unused-ignore: grantguard:ignore names unknown rule \"unknown-rule\" | -- grantguard:ignore test-grant,unknown-rule legacy",
		"s.sql:4:1 warning test-grant: grant on line | GRANT SELECT ON t TO c;",
		"s.sql:5:4 note unused-ignore: grantguard:ignore test-grant matches no finding on this line or the next | -- grantguard:ignore test-grant nothing below",
		"s.sql:7:43 warning test-grant: grant on line | SELECT '-- grantguard:ignore test-grant'; GRANT SELECT ON t TO d;",
		"s.sql:9:4 note unused-ignore: grantguard:ignore names no rule; write grantguard:ignore RULE reason | -- grantguard:ignore",
		"s.sql:11:1 warning test-grant: grant on line | GRANT SELECT ON t TO f;",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestConfigOverrides(t *testing.T) {
	src := "GRANT ALL ON t TO a;\nCREATE ROLE x PASSWORD 'TopSecretValue';\n"
	cfg := DefaultConfig()
	cfg.Severity["test-grant"] = Error
	res := runOn(t, map[string]string{"o.sql": src}, Options{Config: cfg})
	got := summary(res)
	want := []string{
		"o.sql:1:7 error test-grant: grant on line | GRANT ALL ON t TO a;",
		"o.sql:2:1 error test-grant: role | CREATE ROLE x PASSWORD 'To***';",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	cfg.Disabled["test-grant"] = true
	if res := runOn(t, map[string]string{"o.sql": src}, Options{Config: cfg}); len(res.Findings) != 0 {
		t.Errorf("disabled rule reported: %q", summary(res))
	}
}

// TestRedactLine checks masking of overlapping secret spans on a line.
func TestRedactLine(t *testing.T) {
	line := "a 'SuperSecret1' b 'xy' c"
	got := redactLine(line, 100, sortSpans([]Span{{103, 115}, {120, 122}, {104, 110}}))
	if want := "a 'Su***' b '***' c"; got != want {
		t.Errorf("redactLine = %q, want %q", got, want)
	}
	if got := Redact("Summer2024!"); got != "Su***" {
		t.Errorf("Redact = %q", got)
	}
	if got := Redact("short"); got != "***" {
		t.Errorf("Redact(short) = %q", got)
	}
}

func TestLineIndex(t *testing.T) {
	src := []byte("\uFEFFab\r\nçd\n\nlast")
	li := NewLineIndex(src)
	for _, tt := range []struct{ off, line, col int }{
		{3, 1, 1}, {4, 1, 2}, {7, 2, 1}, {9, 2, 2}, {11, 3, 1}, {12, 4, 1}, {99, 4, 5},
	} {
		if l, c := li.Position(tt.off); l != tt.line || c != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
	if text, _ := li.Line(1); text != "\uFEFFab" {
		t.Errorf("Line(1) = %q", text)
	}
	if text, _ := li.Line(2); text != "çd" {
		t.Errorf("Line(2) = %q", text)
	}
}

func TestConfigTemplatesAndJSONC(t *testing.T) {
	in := []byte("{{- if .x }}\nurl: \"postgres://{{ .u }}:{{ .p }}@h/db\"\n{{ end }}\n")
	got := string(blankTemplateActions(in))
	want := "            \nurl: \"postgres://ƍ______:ƍ______@h/db\"\n         \n"
	if got != want {
		t.Errorf("blankTemplateActions\n got %q\nwant %q", got, want)
	}
	jc := []byte("{\"a\": \"//not a comment\", // c\n \"b\": [1, 2,], /* x */}\n")
	if got, want := string(jsoncToJSON(jc)), "{\"a\": \"//not a comment\",     \n \"b\": [1, 2 ]         }\n"; got != want {
		t.Errorf("jsoncToJSON\n got %q\nwant %q", got, want)
	}
	res := runOn(t, map[string]string{
		"chart/templates/deploy.yaml": "spec:\n{{ range .Values.x }}\n  - {{ . }}\n  bad: [\n{{ end }}\n",
		"broken.yaml":                 "sslmode: [\n",
		"unrelated.json":              "{\"ignore\": \"\\%\"}\n",
	}, Options{})
	got2 := summary(res)
	want2 := []string{
		"broken.yaml:2:1 error parse-error: YAML: did not find expected node content | ",
		"skip chart/templates/deploy.yaml: skipped: a YAML template that does not parse once its {{ }} / {% %} actions are blanked",
		// A config file about something else: a note, not a finding.
		"skip unrelated.json: skipped: does not parse as JSON (line 1: unexpected '%' in string escape code); nothing in it concerns PostgreSQL",
	}
	if !slices.Equal(got2, want2) {
		t.Errorf("got\n%q\nwant\n%q", got2, want2)
	}
}
