package access

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestOrder(t *testing.T) {
	in := []Migration{
		{Path: "db/R__views.sql"}, {Path: "db/V10__c.sql"}, {Path: "db/V2__b.sql"}, {Path: "db/V1_1__a.sql"},
		{Path: "m/2_x.down.sql"}, {Path: "db/U2__b.sql"}, {Path: "seed.sql"}, {Path: "m/0001_init.sql"},
		{Path: "ext/w--1.10--1.11.sql"}, {Path: "ext/w--1.9--1.10.sql"}, {Path: "ext/w--1.0.sql"},
		{Path: "ext/w--1.0--1.9.sql"}, {Path: "ext/w--1.10.sql"}, {Path: "ext/a--2.0.sql"},
		{Path: "ext/w--1.11--1.10.sql"}, {Path: "updates/2.14.0--2.13.1.sql"}, {Path: "updates/2.13.1--2.14.0.sql"},
		{Path: "c/citus--10.2-5--11.0-1.sql"}, {Path: "c/citus--9.5-1--10.0-4.sql"}, {Path: "c/citus--8.0-1.sql"},
	}
	var got []string
	for _, m := range Order(in) {
		got = append(got, m.Path)
	}
	want := []string{"m/0001_init.sql", "db/V1_1__a.sql", "db/V2__b.sql", "db/V10__c.sql", "db/R__views.sql", "seed.sql",
		// Extension scripts by extension, then the version they lead to
		// (an install script after the upgrade to its version); versions
		// with a "-" in them compare part by part too.
		"c/citus--8.0-1.sql", "c/citus--9.5-1--10.0-4.sql", "c/citus--10.2-5--11.0-1.sql",
		"ext/a--2.0.sql", "ext/w--1.0.sql", "ext/w--1.0--1.9.sql", "ext/w--1.9--1.10.sql", "ext/w--1.10.sql", "ext/w--1.10--1.11.sql",
		// Update scripts named by versions only; downgrades are left out.
		"updates/2.13.1--2.14.0.sql"}
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

func notesOf(m *Model) string {
	var notes []string
	for _, n := range m.Notes {
		notes = append(notes, n.Path+":"+strconv.Itoa(n.Line)+": "+n.Msg)
	}
	return strings.Join(notes, "\n")
}

func membership(m *Model, role, member string) *Membership {
	for _, ms := range m.Memberships {
		if ms.Role == role && ms.Member == member {
			return ms
		}
	}
	return nil
}

// TestRoleOptionRevokes: REVOKE ADMIN OPTION FOR and REVOKE INHERIT OPTION
// FOR (PostgreSQL 16 syntax) take the option, not the membership; a REVOKE
// from a non-member is noted (PostgreSQL warns).
func TestRoleOptionRevokes(t *testing.T) {
	m := replay(t, `CREATE ROLE g; CREATE ROLE a; CREATE ROLE b; CREATE ROLE c;
GRANT g TO a WITH ADMIN OPTION;
GRANT g TO b WITH INHERIT TRUE;
REVOKE ADMIN OPTION FOR g FROM a;
REVOKE INHERIT OPTION FOR g FROM b;
REVOKE g FROM c;
ALTER GROUP g ADD USER c;
ALTER GROUP g DROP USER a;
`)
	if ms := membership(m, "g", "a"); ms != nil {
		t.Errorf("ALTER GROUP g DROP USER a left %+v", ms)
	}
	if ms := membership(m, "g", "b"); ms == nil || ms.Inherit || ms.Admin {
		t.Errorf("g TO b after REVOKE INHERIT OPTION FOR = %+v, want a membership without inherit", ms)
	}
	if ms := membership(m, "g", "c"); ms == nil {
		t.Errorf("ALTER GROUP g ADD USER c: no membership")
	}
	m2 := replay(t, "CREATE ROLE g; CREATE ROLE a; GRANT g TO a WITH ADMIN OPTION; REVOKE ADMIN OPTION FOR g FROM a;")
	if ms := membership(m2, "g", "a"); ms == nil || ms.Admin || !ms.Inherit {
		t.Errorf("g TO a after REVOKE ADMIN OPTION FOR = %+v, want a plain membership", ms)
	}
	if n := notesOf(m); !strings.Contains(n, "a.sql:6: REVOKE g FROM c: c is not a member of g") {
		t.Errorf("notes lack the REVOKE from a non-member:\n%s", n)
	}
}

// TestReplayNotes: what the replay cannot follow is noted, and column
// privileges are modelled rather than noted.
func TestReplayNotes(t *testing.T) {
	m := replay(t, `CREATE ROLE r; CREATE TABLE t (a int);
DO $$
DECLARE s text := 'public';
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO r', s);
  EXECUTE 'GRANT SELECT ON t TO r';
  PERFORM 1;
END
$$;
ALTER DEFAULT PRIVILEGES REVOKE SELECT ON TABLES FROM r;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
GRANT UPDATE (a) ON t TO r;
CREATE FUNCTION f(int) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION f(text) RETURNS int LANGUAGE sql AS 'SELECT 1';
GRANT EXECUTE ON FUNCTION f TO r;
`)
	n := notesOf(m)
	for _, w := range []string{
		"a.sql:5: EXECUTE in a DO block of a statement built at run time (not a string literal the replay can read): what it runs is not followed",
		"a.sql:10: ALTER DEFAULT PRIVILEGES REVOKE on tables created by postgres anywhere from r: nothing of it was granted",
		"a.sql:11: ALTER DEFAULT PRIVILEGES REVOKE on functions created by postgres in schema public from PUBLIC: nothing of it was granted",
		"a.sql:16: function name f is not unique (public.f(integer), public.f(text))",
	} {
		if !strings.Contains(n, w) {
			t.Errorf("notes lack %q:\n%s", w, n)
		}
	}
	for _, not := range []string{"a.sql:6:", "a.sql:7:", "a.sql:12:", "column privileges"} {
		if strings.Contains(n, not) {
			t.Errorf("notes should not have %q:\n%s", not, n)
		}
	}
	if got := privs(m, "r", Table, "public.t"); got != "SELECT" {
		t.Errorf("r on t = %q, want SELECT (from the EXECUTE of a literal)", got)
	}
	for _, o := range m.Objects() {
		if o.QualifiedName() == "public.t" {
			if got := o.Columns["a"]["r"]; len(got) != 1 || !slices.Contains(slices.Collect(maps.Keys(got)), "UPDATE") {
				t.Errorf("column a of t: r holds %v, want UPDATE", got)
			}
		}
	}
}

// TestCatalogReferences: an unqualified pg_ name no migration creates is
// taken to be in pg_catalog, which PostgreSQL searches first.
func TestCatalogReferences(t *testing.T) {
	m := replay(t, "CREATE ROLE x;\nGRANT EXECUTE ON FUNCTION pg_read_file(text) TO x;\nGRANT SELECT ON pg_authid TO x;\n")
	for _, c := range []struct {
		k    Kind
		name string
	}{{Function, "pg_catalog.pg_read_file(text)"}, {Table, "pg_catalog.pg_authid"}} {
		if got := privs(m, "x", c.k, c.name); got == "<no object>" {
			t.Errorf("no %s %s", c.k, c.name)
		}
	}
	n := notesOf(m)
	if strings.Contains(n, "schema pg_catalog") || !strings.Contains(n, "a.sql:2: function pg_catalog.pg_read_file(text) is not created by any migration") {
		t.Errorf("notes:\n%s", n)
	}
}

// TestGrantorNotes: grants and revokes a role cannot make as PostgreSQL
// would make them are noted, and a refused statement changes nothing.
func TestGrantorNotes(t *testing.T) {
	m := replay(t, `CREATE ROLE a; CREATE ROLE b; CREATE ROLE c; CREATE ROLE d;
CREATE TABLE t (id int); CREATE TABLE other (id int);
GRANT SELECT ON t TO b WITH GRANT OPTION;
SET ROLE b;
GRANT SELECT ON t TO c WITH GRANT OPTION;
GRANT UPDATE ON t TO c;
GRANT SELECT ON other TO c;
RESET ROLE;
SET ROLE c;
GRANT SELECT ON t TO d;
RESET ROLE;
REVOKE SELECT ON t FROM d;
SET ROLE b;
REVOKE GRANT OPTION FOR SELECT ON t FROM c;
RESET ROLE;
GRANT SELECT ON t TO PUBLIC WITH GRANT OPTION;
`)
	n := notesOf(m)
	for _, w := range []string{
		"a.sql:6: GRANT on table public.t as b: it holds no grant option for UPDATE; PostgreSQL warns and grants nothing",
		"a.sql:7: GRANT on table public.other as b: permission denied",
		"a.sql:12: REVOKE on table public.t from d: what it holds was granted by another role",
		"a.sql:14: REVOKE on table public.t from c: c granted it on to other roles (dependent privileges exist)",
		"a.sql:16: grant options can only be granted to roles",
	} {
		if !strings.Contains(n, w) {
			t.Errorf("notes lack %q:\n%s", w, n)
		}
	}
	// The refused REVOKE left c's grant option and d's SELECT.
	for _, o := range m.Objects() {
		if o.QualifiedName() == "public.t" {
			if !o.ACL["c"]["SELECT"] || len(o.ACL["d"]) != 1 || len(o.ACL[Public]) != 0 {
				t.Errorf("ACL of t = %v", o.ACL)
			}
		}
	}
}

// TestRenamesAndMoves: renamed and moved objects keep their privileges
// under the new name.
func TestRenamesAndMoves(t *testing.T) {
	m := replay(t, `CREATE ROLE r;
CREATE FOREIGN TABLE ft (id int) SERVER srv;
GRANT SELECT ON ft TO r;
ALTER FOREIGN TABLE ft RENAME TO ft2;
CREATE SCHEMA a;
CREATE PROCEDURE a.p(int) LANGUAGE sql AS 'SELECT 1';
GRANT EXECUTE ON PROCEDURE a.p(int) TO r;
ALTER PROCEDURE a.p(integer) RENAME TO p2;
ALTER SCHEMA a RENAME TO b;
CREATE TABLE t (id bigserial);
GRANT SELECT ON SEQUENCE t_id_seq TO r;
ALTER TABLE t SET SCHEMA b;
`)
	for _, c := range []struct {
		k          Kind
		name, want string
	}{
		{Table, "public.ft2", "SELECT"},
		{Function, "b.p2(integer)", "EXECUTE"},
		{Table, "b.t", ""},
		{Sequence, "b.t_id_seq", "SELECT"},
	} {
		if got := privs(m, "r", c.k, c.name); got != c.want {
			t.Errorf("r on %s %s = %q, want %q", c.k, c.name, got, c.want)
		}
	}
	if n := notesOf(m); strings.Contains(n, "not created by any migration") {
		t.Errorf("notes:\n%s", n)
	}
}

// TestDropRoleWithPrivileges: PostgreSQL refuses to drop a role that still
// holds privileges; the model keeps it (with a note) until DROP OWNED.
func TestDropRoleWithPrivileges(t *testing.T) {
	m := replay(t, "CREATE ROLE x; CREATE TABLE t (a int); GRANT SELECT (a) ON t TO x;\nDROP ROLE x;\nDROP OWNED BY x; DROP ROLE x;\nCREATE ROLE y; GRANT SELECT ON t TO y; REVOKE SELECT ON t FROM y; DROP ROLE y;")
	if n := notesOf(m); !strings.Contains(n, "a.sql:2: DROP ROLE x: it still has privileges on table public.t") {
		t.Errorf("notes:\n%s", n)
	}
	if m.Roles["x"] != nil || m.Roles["y"] != nil {
		t.Errorf("x or y not dropped after its privileges were revoked")
	}
}
