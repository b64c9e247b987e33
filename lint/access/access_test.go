package access

import (
	"slices"
	"strings"
	"testing"
)

func TestOrder(t *testing.T) {
	in := []Migration{
		{Path: "db/R__views.sql"}, {Path: "db/V10__c.sql"}, {Path: "db/V2__b.sql"}, {Path: "db/V1_1__a.sql"},
		{Path: "m/2_x.down.sql"}, {Path: "db/U2__b.sql"}, {Path: "seed.sql"}, {Path: "m/0001_init.sql"},
	}
	var got []string
	for _, m := range Order(in) {
		got = append(got, m.Path)
	}
	want := []string{"m/0001_init.sql", "db/V1_1__a.sql", "db/V2__b.sql", "db/V10__c.sql", "db/R__views.sql", "seed.sql"}
	if !slices.Equal(got, want) {
		t.Errorf("Order = %v, want %v", got, want)
	}
}

func TestUpPart(t *testing.T) {
	src := "-- +goose Up\nCREATE ROLE a;\n-- +goose Down\nDROP ROLE a;\n"
	got := string(UpPart([]byte(src)))
	if strings.Contains(got, "DROP") || len(got) != len(src) || strings.Count(got, "\n") != 4 {
		t.Errorf("UpPart = %q", got)
	}
}

func replay(t *testing.T, sql ...string) *Model {
	t.Helper()
	var ms []Migration
	for i, s := range sql {
		ms = append(ms, Migration{Path: string(rune('a'+i)) + ".sql", Src: []byte(s)})
	}
	return Replay(ms, "postgres", "app", nil)
}

func privs(m *Model, role string, k Kind, name string) string {
	for _, o := range m.Objects() {
		if o.Kind == k && o.QualifiedName() == name {
			var ps []string
			for p := range m.Effective(role, o, true) {
				ps = append(ps, p)
			}
			slices.Sort(ps)
			return strings.Join(ps, ",")
		}
	}
	return "<no object>"
}

func TestReplay(t *testing.T) {
	m := replay(t, `
CREATE ROLE ro NOLOGIN; CREATE ROLE rw NOLOGIN; CREATE ROLE app LOGIN; CREATE ROLE noinh LOGIN NOINHERIT;
CREATE SCHEMA s;
CREATE TABLE s.before (id bigserial);
ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO ro;
GRANT SELECT ON ALL TABLES IN SCHEMA s TO rw;
CREATE TABLE s.after (id int);
GRANT INSERT, UPDATE ON s.after TO rw;
GRANT ro TO rw; GRANT rw TO app; GRANT rw TO noinh;
GRANT ALL ON SEQUENCE s.before_id_seq TO rw;
REVOKE UPDATE ON s.after FROM rw;
GRANT app TO rw;
`, "-- +goose Up\nGRANT DELETE ON s.after TO ghost;\n-- +goose Down\nDROP TABLE s.after;\n")
	for _, c := range []struct {
		role string
		k    Kind
		obj  string
		want string
	}{
		{"ro", Table, "s.after", "SELECT"},
		{"ro", Table, "s.before", ""},
		{"rw", Table, "s.before", "SELECT"},
		{"app", Table, "s.after", "INSERT,SELECT"},
		{"noinh", Table, "s.after", ""},
		{"app", Sequence, "s.before_id_seq", "SELECT,UPDATE,USAGE"},
		{"postgres", Table, "s.after", "DELETE,INSERT,REFERENCES,SELECT,TRIGGER,TRUNCATE,UPDATE"},
		{"ghost", Table, "s.after", "DELETE"},
	} {
		if got := privs(m, c.role, c.k, c.obj); got != c.want {
			t.Errorf("%s on %s %s = %q, want %q", c.role, c.k, c.obj, got, c.want)
		}
	}
	var notes []string
	for _, n := range m.Notes {
		notes = append(notes, n.Path+": "+n.Msg)
	}
	joined := strings.Join(notes, "\n")
	for _, w := range []string{"a.sql: GRANT app TO rw would make a membership cycle", "b.sql: role ghost is used but not created"} {
		if !strings.Contains(joined, w) {
			t.Errorf("notes lack %q:\n%s", w, joined)
		}
	}
}

// TestReplayBadInput: an unparsable migration in the middle of the history,
// a revoke of something never granted and a membership cycle are noted, and
// the replay goes on with the migrations after them.
func TestReplayBadInput(t *testing.T) {
	m := replay(t,
		"CREATE ROLE r; CREATE ROLE s; GRANT r TO s; CREATE TABLE t (id int);",
		"GRANT SELEC ON t TO r;\nCREATE TABLE oops (;\n",
		"REVOKE DELETE ON t FROM r; GRANT s TO r;",
		"GRANT UPDATE ON t TO s;",
	)
	if got := privs(m, "s", Table, "public.t"); got != "UPDATE" {
		t.Errorf("s on t = %q, want UPDATE (the migrations after the broken ones are replayed)", got)
	}
	var notes []string
	for _, n := range m.Notes {
		notes = append(notes, n.Path+": "+n.Msg)
	}
	joined := strings.Join(notes, "\n")
	for _, w := range []string{
		"b.sql: SELEC is not a privilege of a table",
		"b.sql: statement not parsed",
		"c.sql: REVOKE on table public.t from r: nothing of it was granted",
		"c.sql: GRANT s TO r would make a membership cycle",
	} {
		if !strings.Contains(joined, w) {
			t.Errorf("notes lack %q:\n%s", w, joined)
		}
	}
}
