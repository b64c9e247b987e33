package access

import (
	"slices"
	"testing"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/live"
)

const driftMigration = `CREATE ROLE app LOGIN;
CREATE ROLE reader;
CREATE ROLE gone;
GRANT reader TO app;
GRANT reader TO :"deployer";
CREATE SCHEMA s;
CREATE TABLE s.t (id int, email text);
GRANT SELECT ON s.t TO reader;
GRANT UPDATE (email) ON s.t TO app;
ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO reader;
CREATE SCHEMA other;
CREATE TABLE other.x (id int);
GRANT SELECT ON other.x TO reader;
`

// driftServer is the migration's state as PostgreSQL holds it, with
// changes made by hand: reader lost SELECT on s.t, app gained INSERT on it
// and CREATEDB, a role and a membership appeared, role gone was dropped,
// and the platform's role rdsadmin exists.
func driftServer() *live.State {
	pg := func(grantee, p string) live.Grant {
		return live.Grant{Grantee: grantee, Grantor: "postgres", Privilege: p}
	}
	owner := func(k live.Kind) []live.Grant {
		var out []live.Grant
		for _, p := range kindPrivs[Kind(k)] {
			out = append(out, pg("postgres", p))
		}
		return out
	}
	return &live.State{
		Server: live.Server{Database: "app", User: "auditor", Bootstrap: "postgres"},
		Roles: []live.Role{
			{Name: "postgres", Superuser: true, Login: true, Inherit: true, CreateDB: true, CreateRole: true, Replication: true, BypassRLS: true},
			{Name: "app", Login: true, Inherit: true, CreateDB: true},
			{Name: "reader", Inherit: true},
			{Name: "contractor", Login: true, Inherit: true},
			{Name: "rdsadmin", Superuser: true, Login: true},
			{Name: "pg_monitor"},
			{Name: "pg_database_owner"},
		},
		Memberships: []live.Membership{
			{Role: "reader", Member: "app", Grantor: "postgres"},
			{Role: "reader", Member: "contractor", Grantor: "postgres"},
			{Role: "pg_monitor", Member: "rdsadmin", Grantor: "postgres"},
		},
		Objects: []live.Object{
			{Kind: live.Database, Name: "app", Owner: "postgres", DefaultACL: true,
				ACL: append(owner(live.Database), pg("PUBLIC", "CONNECT"), pg("PUBLIC", "TEMPORARY"))},
			{Kind: live.Schema, Name: "public", Owner: "pg_database_owner", ACL: []live.Grant{
				{Grantee: "pg_database_owner", Grantor: "pg_database_owner", Privilege: "USAGE"},
				{Grantee: "pg_database_owner", Grantor: "pg_database_owner", Privilege: "CREATE"},
				{Grantee: "PUBLIC", Grantor: "pg_database_owner", Privilege: "USAGE"}}},
			{Kind: live.Schema, Name: "s", Owner: "postgres", DefaultACL: true, ACL: owner(live.Schema)},
			{Kind: live.Schema, Name: "other", Owner: "postgres", DefaultACL: true, ACL: owner(live.Schema)},
			{Kind: live.Table, Schema: "s", Name: "t", Owner: "postgres", ACL: append(owner(live.Table), pg("app", "INSERT")),
				Columns: map[string][]live.Grant{"email": {pg("app", "UPDATE")}}},
			{Kind: live.Table, Schema: "other", Name: "x", Owner: "postgres", ACL: append(owner(live.Table), pg("rdsadmin", "SELECT"))},
		},
		Defaults: []live.DefaultACL{{Role: "postgres", Schema: "s", Kind: live.Table, ACL: []live.Grant{pg("reader", "SELECT")}}},
	}
}

func TestDrift(t *testing.T) {
	ms := []Migration{{Path: "V1__init.sql", Src: []byte(driftMigration)}}
	replayed := Replay(ms, "postgres", "app", nil)
	got := func(cfg *lint.DriftConfig) []string {
		var out []string
		for _, d := range Drift(FromState(driftServer()), replayed, cfg) {
			side := "missing"
			if d.Unrecorded {
				side = "unrecorded"
			}
			out = append(out, side+" "+d.Kind+" "+d.Object+": "+d.Msg)
		}
		return out
	}
	want := []string{
		"unrecorded role app: app has CREATEDB on the server, which no migration gives it",
		"unrecorded role contractor: login role contractor exists on the server, but no migration creates it",
		"missing role gone: role gone is created by the migrations, but the server has no such role",
		"unrecorded role rdsadmin: login role rdsadmin exists on the server, but no migration creates it",
		"unrecorded role contractor: contractor is a member of reader on the server, which no migration grants",
		"unrecorded table x: rdsadmin holds SELECT on table other.x (granted by postgres) on the server, which no migration grants",
		"missing table x: the migrations grant reader SELECT on table other.x (granted by postgres), which it lacks on the server",
		"unrecorded table t: app holds INSERT on table s.t (granted by postgres) on the server, which no migration grants",
		"missing table t: the migrations grant reader SELECT on table s.t (granted by postgres), which it lacks on the server",
	}
	if g := got(&lint.DriftConfig{}); !slices.Equal(g, want) {
		t.Errorf("Drift:\n got: %q\nwant: %q", g, want)
	}
	// [drift] scopes it: the platform's role and another schema left out.
	scoped := []string{want[0], want[1], want[2], want[4], want[7], want[8]}
	if g := got(&lint.DriftConfig{Schemas: []string{"s"}, IgnoreRoles: []string{"rds*"}}); !slices.Equal(g, scoped) {
		t.Errorf("Drift with schemas = [s], ignore_roles = [rds*]:\n got: %q\nwant: %q", g, scoped)
	}
	// The model of the server replayed from its own state has no drift.
	if d := Drift(FromState(driftServer()), FromState(driftServer()), &lint.DriftConfig{}); len(d) != 0 {
		t.Errorf("a state against itself: %+v", d)
	}
}
