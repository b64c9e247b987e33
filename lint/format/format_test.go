package format

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/grantguard/grantguard/lint"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// testCatalogue is a small fake catalogue with complete metadata.
func testCatalogue() lint.Catalogue {
	return lint.Catalogue{
		{Meta: lint.Meta{
			ID:        "grant-all",
			Severity:  lint.Error,
			Title:     "GRANT ALL gives every privilege on the object",
			Rationale: "GRANT ALL hands out TRUNCATE, REFERENCES and TRIGGER along with the privileges the role needs, breaking least privilege.",
			Bad:       "GRANT ALL ON TABLE orders TO app;",
			Good:      "GRANT SELECT, INSERT, UPDATE ON TABLE orders TO app;",
			Fix:       "List the privileges the role needs.",
			Tags:      []string{"privilege", "least-privilege"},
			Precision: "very-high",
			// One decimal in the output: 8 → "8.0".
			SecuritySeverity: 8,
			Kinds:            []lint.Kind{lint.KindSQL},
		}},
		{Meta: lint.Meta{
			ID:               "hardcoded-password",
			Severity:         lint.Error,
			Title:            "A password is written into the source",
			Rationale:        "A literal password ends up in version control, CI logs and every clone of the repository.",
			Bad:              "CREATE ROLE app LOGIN PASSWORD 'Su***';",
			Good:             "\\set app_password `cat /run/secrets/app_password`\nCREATE ROLE app LOGIN PASSWORD :'app_password';",
			Fix:              "Read the password from a secret store or an environment variable at deploy time.",
			Tags:             []string{"secret", "credentials", "secret"},
			Precision:        "high",
			SecuritySeverity: 9.1,
			Kinds:            []lint.Kind{lint.KindSQL, lint.KindConfig, lint.KindEnv, lint.KindGo},
		}},
		{Meta: lint.Meta{
			ID:               "password-no-expiry",
			Severity:         lint.Note,
			Title:            "A role's password never expires",
			Rationale:        "VALID UNTIL 'infinity' turns off password expiry, so a leaked password stays valid.",
			Bad:              "ALTER ROLE reporting VALID UNTIL 'infinity';",
			Good:             "ALTER ROLE reporting VALID UNTIL '2026-12-31';",
			Fix:              "Give the password an expiry date and rotate it.",
			Tags:             []string{"password-policy"},
			Precision:        "medium",
			SecuritySeverity: 3,
			Kinds:            []lint.Kind{lint.KindSQL},
		}},
		{Meta: lint.Meta{
			ID:               "broad-cidr",
			Severity:         lint.Warning,
			Title:            "An allowlist entry admits too many addresses",
			Rationale:        "A wide CIDR range in pg_hba.conf or a firewall allowlist exposes the database to far more hosts than need it.",
			Bad:              "host  all  all  0.0.0.0/0  scram-sha-256",
			Good:             "host  all  all  10.20.0.0/24  scram-sha-256",
			Fix:              "Allow only the client subnets.",
			Tags:             []string{"network"},
			Precision:        "high",
			SecuritySeverity: 7.5,
			Kinds:            []lint.Kind{lint.KindHBA, lint.KindConfig, lint.KindGo},
		}},
	}
}

// testFindings covers: a multi-line range, a tab-indented source line with
// a redacted password, an unknown column, a path with a space, a message
// with a colon, a comma and a newline, and every severity.
func testFindings() []lint.Finding {
	return []lint.Finding{
		{
			Rule: "hardcoded-password", Severity: lint.Error,
			Path: "config/app.yaml", Line: 8, Col: 15, EndLine: 8, EndCol: 20,
			Message:     "literal password in key database.password",
			Source:      "    password: hu***",
			Fingerprint: "5d0c2b8e61f4a937:1",
		},
		{
			Rule: "grant-all", Severity: lint.Error,
			Path: "db/migrations/001 init.sql", Line: 3, Col: 1, EndLine: 4, EndCol: 15,
			Message:     "GRANT ALL PRIVILEGES on tables orders, invoices",
			Source:      "GRANT ALL PRIVILEGES ON TABLE orders, invoices",
			Fingerprint: "a3f1c9e04b7d2e18:1",
		},
		{
			Rule: "hardcoded-password", Severity: lint.Error,
			Path: "db/migrations/001 init.sql", Line: 9, Col: 29,
			Message:     "literal password for role app_user in CREATE ROLE",
			Source:      "\tCREATE ROLE app_user LOGIN PASSWORD 'Su***';",
			Fingerprint: "0e9b77c1d2a64f50:1",
		},
		{
			Rule: "password-no-expiry", Severity: lint.Note,
			Path: "db/migrations/002_roles.sql", Line: 4,
			Message:     "role reporting: password never expires,\nVALID UNTIL 'infinity'",
			Source:      "ALTER ROLE reporting VALID UNTIL 'infinity';",
			Fingerprint: "77ab90e3c5d1f246:1",
		},
		{
			Rule: "broad-cidr", Severity: lint.Warning,
			Path: "deploy/pg_hba.conf", Line: 12, Col: 23, EndLine: 12, EndCol: 36,
			Message:     "198.51.0.0/16 admits 65,536 public addresses (limit: /24)",
			Source:      "host    all    all    198.51.0.0/16    scram-sha-256",
			Fingerprint: "c41f0a9d8e2b7365:1",
		},
	}
}

// liveFindings are findings of grantguard audit, located at objects of a
// live server: a pg_hba.conf line, a role, a setting, a table.
func liveFindings() []lint.Finding {
	return []lint.Finding{
		{
			Rule: "broad-cidr", Severity: lint.Warning,
			Object:      lint.Object{Kind: lint.HBAObject, Name: "12"},
			Message:     "host line: 198.51.0.0/16 admits 65,536 public addresses (limit: /24)",
			Fingerprint: "1b2c3d4e5f607182:1",
		},
		{
			Rule: "password-no-expiry", Severity: lint.Note,
			Object:      lint.RoleObject("reporting"),
			Message:     "reporting has VALID UNTIL 'infinity': its password never expires",
			Fingerprint: "28a1f0c9d3b4e576:1",
		},
		{
			Rule: "hardcoded-password", Severity: lint.Error,
			Object:      lint.SettingObject("app.secret, \"x\""),
			Message:     "a message: with a colon,\na comma and a newline",
			Fingerprint: "3c4d5e6f708192a3:1",
		},
		{
			Rule: "grant-all", Severity: lint.Error,
			Object:      lint.DBObject("shop", "table", "public", "orders"),
			Message:     "app holds every privilege on table public.orders",
			Fingerprint: "4d5e6f708192a3b4:1",
		},
	}
}

var testInfo = Info{
	ToolName:       "grantguard",
	Version:        "0.1.0",
	InformationURI: "https://github.com/grantguard/grantguard",
	SrcRoot:        "/home/ci/work/my repo",
}

func render(t *testing.T, w Writer, cat lint.Catalogue, fs []lint.Finding, info Info) string {
	t.Helper()
	var buf bytes.Buffer
	if err := w(&buf, cat, fs, info); err != nil {
		t.Fatalf("writer failed: %v", err)
	}
	return buf.String()
}

// TestGolden renders the fixed input in every format and compares it with
// testdata/golden/<format>.golden: exactly what users see.
// Regenerate with: go test ./lint/format -update
func TestGolden(t *testing.T) {
	fs := testFindings()
	if !slices.IsSortedFunc(fs, lint.Compare) {
		t.Fatal("fixture findings are not in output order")
	}
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			w, ok := Lookup(name)
			if !ok {
				t.Fatalf("Lookup(%q) failed", name)
			}
			got := render(t, w, testCatalogue(), fs, testInfo)
			golden := filepath.Join("testdata", "golden", name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./lint/format -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s output differs from %s (run go test ./lint/format -update if the change is intended)\n%s",
					name, golden, firstDiff(string(want), got))
			}
		})
	}
}

// TestGoldenLive renders findings on a live server's objects in every
// format and compares them with testdata/golden/live/<format>.golden.
// Regenerate with: go test ./lint/format -update
func TestGoldenLive(t *testing.T) {
	fs := liveFindings()
	if !slices.IsSortedFunc(fs, lint.Compare) {
		t.Fatal("live fixture findings are not in output order")
	}
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			w, _ := Lookup(name)
			got := render(t, w, testCatalogue(), fs, testInfo)
			golden := filepath.Join("testdata", "golden", "live", name+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./lint/format -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s output differs from %s (run go test ./lint/format -update if the change is intended)\n%s",
					name, golden, firstDiff(string(want), got))
			}
		})
	}
}

// firstDiff describes the first line where want and got differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\nwant: " + strconv.Quote(w) + "\ngot:  " + strconv.Quote(g)
		}
	}
	return "(no line differs)"
}

func TestLookupAndNames(t *testing.T) {
	want := []string{"github", "json", "sarif", "text"}
	if got := Names(); !slices.Equal(got, want) {
		t.Errorf("Names() = %q, want %q", got, want)
	}
	for _, n := range want {
		if w, ok := Lookup(n); !ok || w == nil {
			t.Errorf("Lookup(%q) = _, %v", n, ok)
		}
	}
	for _, n := range []string{"", "TEXT", "checkstyle"} {
		if _, ok := Lookup(n); ok {
			t.Errorf("Lookup(%q) succeeded", n)
		}
	}
}

// TestNoFindings pins what each format writes for a clean run.
func TestNoFindings(t *testing.T) {
	cat := testCatalogue()
	if got := render(t, Text, cat, nil, testInfo); got != "" {
		t.Errorf("text: got %q, want no output", got)
	}
	if got := render(t, GitHub, cat, nil, testInfo); got != "" {
		t.Errorf("github: got %q, want no output", got)
	}
	wantJSON := "{\n  \"version\": \"0.1.0\",\n  \"findings\": []\n}\n"
	if got := render(t, JSON, cat, nil, testInfo); got != wantJSON {
		t.Errorf("json: got %q, want %q", got, wantJSON)
	}
	log := decodeSARIF(t, render(t, SARIF, cat, nil, testInfo))
	if n := len(log.Runs[0].Results); n != 0 {
		t.Errorf("sarif: %d results, want 0", n)
	}
	if n := len(log.Runs[0].Tool.Driver.Rules); n != len(cat) {
		t.Errorf("sarif: %d rules, want the whole catalogue (%d)", n, len(cat))
	}
}

// TestSecretsStayRedacted checks that the redacted source line is what
// every format shows, and that nothing spells out more of the password.
func TestSecretsStayRedacted(t *testing.T) {
	for _, name := range Names() {
		w, _ := Lookup(name)
		out := render(t, w, testCatalogue(), testFindings(), testInfo)
		if name != "github" && !strings.Contains(out, "Su***") {
			t.Errorf("%s: redacted source line missing", name)
		}
		if strings.Contains(out, "Super") {
			t.Errorf("%s: output contains the clear password", name)
		}
	}
}
