package access

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/grantguard/grantguard/lint"
)

func policyConfig(roles map[string]lint.RolePolicy) *lint.Config {
	cfg := lint.DefaultConfig()
	cfg.Roles = roles
	return cfg
}

func violations(t *testing.T, cfg *lint.Config, sql ...string) []string {
	t.Helper()
	var ms []Migration
	for i, s := range sql {
		ms = append(ms, Migration{Path: string(rune('a'+i)) + ".sql", Src: []byte(s)})
	}
	_, vs := Check(ms, "postgres", "app", cfg)
	var out []string
	for _, v := range vs {
		out = append(out, v.Path+":"+v.Msg)
	}
	return out
}

// TestPolicyCases: what the policy reports, and where, for the cases that
// are easy to get wrong.
func TestPolicyCases(t *testing.T) {
	ro := map[string]lint.RolePolicy{"app_ro": {Tier: "readonly"}}
	for _, tc := range []struct {
		name  string
		roles map[string]lint.RolePolicy
		sql   []string
		want  []string
	}{
		{"a capitalised key names the folded role", map[string]lint.RolePolicy{"App_RO": {Tier: "readonly"}},
			[]string{"CREATE ROLE App_RO; CREATE TABLE t (id int); GRANT INSERT ON t TO app_ro;"},
			[]string{"a.sql:app_ro (tier readonly) gets INSERT on table public.t, beyond its tier"}},
		{"default privileges are told once, not again at each CREATE", ro,
			[]string{"CREATE ROLE app_ro; ALTER DEFAULT PRIVILEGES GRANT DELETE ON TABLES TO app_ro;",
				"CREATE TABLE t1 (id int); CREATE TABLE t2 (id int);"},
			[]string{"a.sql:app_ro (tier readonly) gets DELETE on tables anywhere created by postgres (default privileges), beyond its tier"}},
		{"ownership at creation is told at the CREATE", ro,
			[]string{"CREATE ROLE app_ro; CREATE SCHEMA s AUTHORIZATION app_ro;"},
			[]string{"a.sql:app_ro (tier readonly) gets CREATE on schema s (owner), beyond its tier"}},
		{"a revoke and re-grant is told again; unrelated statements tell nothing", ro,
			[]string{"CREATE ROLE app_ro; CREATE TABLE t (id int); GRANT UPDATE ON t TO app_ro;",
				"CREATE INDEX ON t (id); INSERT INTO t VALUES (1); REVOKE UPDATE ON t FROM app_ro;",
				"GRANT UPDATE ON t TO app_ro;"},
			[]string{"a.sql:app_ro (tier readonly) gets UPDATE on table public.t, beyond its tier",
				"c.sql:app_ro (tier readonly) gets UPDATE on table public.t, beyond its tier"}},
		{"PUBLIC's built-in privileges are not the migrations' doing", ro,
			[]string{"CREATE ROLE app_ro; CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'; CREATE DATABASE other;"},
			nil},
		{"an allow exception of the role granted covers its members", map[string]lint.RolePolicy{
			"app_ro": {Tier: "readonly"}, "auditor": {Tier: "readonly", Allow: []string{"TRUNCATE ON public.audit"}}},
			[]string{"CREATE ROLE app_ro; CREATE ROLE auditor; CREATE TABLE audit (id int); GRANT TRUNCATE ON audit TO auditor; GRANT auditor TO app_ro;"},
			nil},
		{"through a membership granted later", ro,
			[]string{"CREATE ROLE app_ro; CREATE ROLE w; CREATE TABLE t (id int); GRANT INSERT ON t TO w;", "GRANT w TO app_ro;"},
			[]string{"b.sql:app_ro (tier readonly) gets INSERT on table public.t (through w), beyond its tier"}},
		{"dropping the table ends the finding; re-creating and re-granting tells it again", ro,
			[]string{"CREATE ROLE app_ro; CREATE TABLE t (id int); GRANT DELETE ON t TO app_ro;",
				"DROP TABLE t; CREATE TABLE t (id int); GRANT DELETE ON t TO app_ro;"},
			[]string{"a.sql:app_ro (tier readonly) gets DELETE on table public.t, beyond its tier",
				"b.sql:app_ro (tier readonly) gets DELETE on table public.t, beyond its tier"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := violations(t, policyConfig(tc.roles), tc.sql...)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("violations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestViolationPointsAtRole: a violation's offset is the role's name in
// the statement, or PUBLIC's.
func TestViolationPointsAtRole(t *testing.T) {
	src := "CREATE ROLE app_ro; CREATE TABLE t (id int);\nGRANT SELECT, INSERT ON t TO app_ro;\nGRANT UPDATE ON t TO PUBLIC;\n"
	_, vs := Check([]Migration{{Path: "a.sql", Src: []byte(src)}}, "postgres", "app", policyConfig(map[string]lint.RolePolicy{"app_ro": {Tier: "readonly"}}))
	if len(vs) != 2 {
		t.Fatalf("got %d violations, want 2: %v", len(vs), vs)
	}
	for i, want := range []string{"app_ro;\nGRANT UPDATE", "PUBLIC;\n"} {
		if !strings.HasPrefix(src[vs[i].At:], want) {
			t.Errorf("violation %d at %q, want at %q", i, src[vs[i].At:], want)
		}
	}
}

// TestReportEscapesNames: role names come from the migrations and may hold
// any character; no format lets them become markup, extra columns or
// extra lines.
func TestReportEscapesNames(t *testing.T) {
	src := `CREATE ROLE "a<b>|c&""d"; CREATE ROLE "=cmd|' /C calc'!A0"; CREATE TABLE t (id int); GRANT SELECT ON t TO "a<b>|c&""d", "=cmd|' /C calc'!A0";`
	rep := BuildReport([]Migration{{Path: "x.sql", Src: []byte(src)}}, "postgres", "app", lint.DefaultConfig())
	outputs := map[string]string{}
	for _, f := range Formats {
		var b bytes.Buffer
		if err := Write(&b, f, rep); err != nil {
			t.Fatal(err)
		}
		outputs[f] = b.String()
	}
	md := outputs["markdown"]
	for _, want := range []string{"### a&lt;b&gt;\\|c&amp;\"d\n", `r1["a#lt;b#gt;|c#amp;#quot;d"]`, "| a&lt;b&gt;\\|c&amp;\"d |"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(outputs["html"], "<b>") || !strings.Contains(outputs["html"], "a&lt;b&gt;|c&amp;&#34;d") {
		t.Errorf("html does not escape the name:\n%s", outputs["html"])
	}
	rows, err := csv.NewReader(strings.NewReader(outputs["csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		found = found || r[1] == `a<b>|c&"d` && r[0] == "privilege"
		if strings.HasPrefix(r[1], "=") {
			t.Errorf("csv cell %q would run as a spreadsheet formula", r[1])
		}
	}
	if !strings.Contains(outputs["csv"], `'=cmd|' /C calc'!A0`) {
		t.Errorf("csv lacks the escaped formula-like name:\n%s", outputs["csv"])
	}
	if !found {
		t.Errorf("csv lacks the role's privilege row:\n%s", outputs["csv"])
	}
}

// TestReportColumnPrivileges: the review lists column privileges the role
// does not hold on the whole table, with the role they come from.
func TestReportColumnPrivileges(t *testing.T) {
	src := "CREATE ROLE w; CREATE ROLE app; GRANT w TO app; CREATE TABLE users (id int, email text);\n" +
		"GRANT SELECT ON users TO app; GRANT SELECT (email), UPDATE (email) ON users TO w;\n"
	rep := BuildReport([]Migration{{Path: "a.sql", Src: []byte(src)}}, "postgres", "app", lint.DefaultConfig())
	var got string
	for _, r := range rep.Roles {
		if r.Name == "app" {
			for _, g := range r.Privileges {
				got += string(g.Kind) + " " + g.Object + ": " + g.privText() + "\n"
			}
		}
	}
	if want := "table public.users: SELECT, UPDATE (email) via w\n"; !strings.Contains(got, want) {
		t.Errorf("app's privileges:\n%s\nwant a line %q", got, want)
	}
}
