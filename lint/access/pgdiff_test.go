package access

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/livedb"
)

// pgBin is where Debian's postgresql-15 package puts the server binaries.
const pgBin = "/usr/lib/postgresql/15/bin"

// pgCluster is a throwaway PostgreSQL 15 server on 127.0.0.1.
type pgCluster struct {
	port int
	psql string
}

// startCluster initdb's a cluster into a temp dir and starts it; it is
// stopped and removed when the test ends. The test skips where the server
// binaries or psql are missing.
func startCluster(t *testing.T) *pgCluster {
	t.Helper()
	for _, b := range []string{"initdb", "pg_ctl"} {
		if _, err := os.Stat(filepath.Join(pgBin, b)); err != nil {
			t.Skipf("PostgreSQL 15 server binaries not found in %s (apt-get install postgresql-15): %v", pgBin, err)
		}
	}
	psql, err := exec.LookPath("psql")
	if err != nil {
		psql = filepath.Join(pgBin, "psql")
		if _, err := os.Stat(psql); err != nil {
			t.Skip("psql not found (apt-get install postgresql-client-15)")
		}
	}
	// initdb refuses to run as root: run the server as the postgres OS user.
	var asUser []string
	if os.Geteuid() == 0 {
		runuser, err := exec.LookPath("runuser")
		if err != nil {
			t.Skip("running as root without runuser: cannot start PostgreSQL as another user")
		}
		asUser = []string{runuser, "-u", "postgres", "--"}
	}
	cmd := func(args ...string) *exec.Cmd {
		all := append(slices.Clone(asUser), args...)
		return exec.Command(all[0], all[1:]...)
	}
	dir, err := os.MkdirTemp("", "grantguard-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	if out, err := cmd(filepath.Join(pgBin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust",
		"-E", "UTF8", "--locale=C", "--no-sync").CombinedOutput(); err != nil {
		t.Skipf("initdb failed (no postgres OS user?): %v\n%s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	opts := fmt.Sprintf("-p %d -c listen_addresses=127.0.0.1 -c unix_socket_directories=%s -c fsync=off", port, dir)
	if out, err := cmd(filepath.Join(pgBin, "pg_ctl"), "-D", data, "-o", opts, "-w", "-l", filepath.Join(dir, "log"), "start").CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		t.Fatalf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
	t.Cleanup(func() {
		_ = cmd(filepath.Join(pgBin, "pg_ctl"), "-D", data, "-m", "immediate", "stop").Run()
	})
	return &pgCluster{port: port, psql: psql}
}

// exec runs SQL (or a file with -f) in database db and returns the rows,
// fields separated by |.
func (c *pgCluster) run(t *testing.T, db string, args ...string) []string {
	t.Helper()
	all := append([]string{"-X", "-q", "-A", "-t", "-F", "|", "-v", "ON_ERROR_STOP=1",
		"-h", "127.0.0.1", "-p", fmt.Sprint(c.port), "-U", "postgres", "-d", db}, args...)
	out, err := exec.Command(c.psql, all...).CombinedOutput()
	if err != nil {
		t.Fatalf("psql %v: %v\n%s", args, err, out)
	}
	var rows []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if l != "" {
			rows = append(rows, l)
		}
	}
	sort.Strings(rows)
	return rows
}

const (
	pgRolesQuery = `SELECT rolname, concat_ws(',', CASE WHEN rolbypassrls THEN 'BYPASSRLS' END,
  CASE WHEN rolcreatedb THEN 'CREATEDB' END, CASE WHEN rolcreaterole THEN 'CREATEROLE' END,
  CASE WHEN rolinherit THEN 'INHERIT' END, CASE WHEN rolcanlogin THEN 'LOGIN' END,
  CASE WHEN rolreplication THEN 'REPLICATION' END, CASE WHEN rolsuper THEN 'SUPERUSER' END)
FROM pg_roles WHERE rolname !~ '^pg_' AND rolname <> 'postgres'`
	pgMembersQuery = `SELECT r.rolname, m.rolname, am.admin_option FROM pg_auth_members am
JOIN pg_roles r ON r.oid = am.roleid JOIN pg_roles m ON m.oid = am.member
WHERE m.rolname !~ '^pg_' AND m.rolname <> 'postgres'`
	// Every privilege on the database, its schemas and their objects, with
	// the built-in default where the ACL is NULL, and the column privileges
	// (kind column, named schema.table.column), each with its grantor.
	// Functions are named with their argument types: s.f(integer, text).
	pgACLQuery = `WITH objs AS (
  SELECT CASE c.relkind WHEN 'S' THEN 'sequence' ELSE 'table' END AS kind, n.nspname || '.' || c.relname AS name,
    pg_get_userbyid(c.relowner) AS owner,
    coalesce(c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner)) AS acl
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p', 'S') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  UNION ALL
  SELECT 'schema', nspname, pg_get_userbyid(nspowner), coalesce(nspacl, acldefault('n', nspowner))
  FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'
  UNION ALL
  SELECT 'function', n.nspname || '.' || p.proname || '(' || oidvectortypes(p.proargtypes) || ')', pg_get_userbyid(p.proowner),
    coalesce(p.proacl, acldefault('f', p.proowner))
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  UNION ALL
  SELECT 'database', datname, pg_get_userbyid(datdba), coalesce(datacl, acldefault('d', datdba))
  FROM pg_database WHERE datname = current_database()
)
SELECT kind, name, 'owner=' || owner FROM objs
UNION ALL
SELECT o.kind, o.name, coalesce(pg_get_userbyid(nullif(a.grantee, 0)), 'PUBLIC') || ':' || a.privilege_type || ':' || a.is_grantable
  || ':' || pg_get_userbyid(a.grantor)
FROM objs o, aclexplode(o.acl) a
UNION ALL
SELECT 'column', n.nspname || '.' || c.relname || '.' || att.attname,
  coalesce(pg_get_userbyid(nullif(a.grantee, 0)), 'PUBLIC') || ':' || a.privilege_type || ':' || a.is_grantable
  || ':' || pg_get_userbyid(a.grantor)
FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace,
  aclexplode(att.attacl) a
WHERE att.attnum > 0 AND NOT att.attisdropped AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'`
	pgDefaultsQuery = `SELECT pg_get_userbyid(d.defaclrole), coalesce(n.nspname, ''), d.defaclobjtype,
  coalesce(pg_get_userbyid(nullif(a.grantee, 0)), 'PUBLIC') || ':' || a.privilege_type || ':' || a.is_grantable
FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace, aclexplode(d.defaclacl) a`
	// Row security and view options of every relation that has any, and
	// the SECURITY DEFINER functions.
	pgSecurityQuery = `SELECT 'rls', n.nspname || '.' || c.relname, c.relrowsecurity, c.relforcerowsecurity
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE (c.relrowsecurity OR c.relforcerowsecurity) AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
UNION ALL
SELECT 'view', n.nspname || '.' || c.relname,
  coalesce((SELECT option_value::bool FROM pg_options_to_table(c.reloptions) WHERE option_name = 'security_invoker'), false),
  coalesce((SELECT option_value::bool FROM pg_options_to_table(c.reloptions) WHERE option_name = 'security_barrier'), false)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'v' AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
UNION ALL
SELECT 'matview', n.nspname || '.' || c.relname, false, false
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'm' AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
UNION ALL
SELECT 'definer', n.nspname || '.' || p.proname || '(' || oidvectortypes(p.proargtypes) || ')', true, p.prorettype IN ('trigger'::regtype, 'event_trigger'::regtype)
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prosecdef AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'`
	// Policies: table, name, permissive, command, roles, and whether
	// USING and WITH CHECK are there.
	pgPoliciesQuery = `SELECT n.nspname || '.' || c.relname, p.polname, p.polpermissive,
  CASE p.polcmd WHEN '*' THEN 'ALL' WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' ELSE 'DELETE' END,
  (SELECT string_agg(rn, ',' ORDER BY rn) FROM (SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r) END AS rn
    FROM unnest(p.polroles) r) rs),
  p.polqual IS NOT NULL, p.polwithcheck IS NOT NULL
FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace`
)

// securityRows renders m's row security, policies, view options and
// SECURITY DEFINER functions as pgSecurityQuery and pgPoliciesQuery do.
func securityRows(m *Model) (sec, pols []string) {
	tf := map[bool]string{true: "t", false: "f"}
	for _, o := range m.Objects() {
		switch {
		case o.Kind == Table && (o.RLS || o.ForceRLS):
			sec = append(sec, fmt.Sprintf("rls|%s|%s|%s", o.QualifiedName(), tf[o.RLS], tf[o.ForceRLS]))
		case o.Kind == Table && o.Rel == RelView:
			sec = append(sec, fmt.Sprintf("view|%s|%s|%s", o.QualifiedName(), tf[o.SecurityInvoker], tf[o.SecurityBarrier]))
		case o.Kind == Table && o.Rel == RelMatView:
			sec = append(sec, fmt.Sprintf("matview|%s|f|f", o.QualifiedName()))
		case o.Kind == Function && o.SecurityDefiner:
			sec = append(sec, fmt.Sprintf("definer|%s|t|%s", o.QualifiedName(), tf[o.Trigger]))
		}
		for _, p := range o.Policies {
			roles := slices.Sorted(slices.Values(p.Roles))
			pols = append(pols, fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s", o.QualifiedName(), p.Name, tf[p.Permissive], p.Command,
				strings.Join(roles, ","), tf[p.Using != ""], tf[p.Check != ""]))
		}
	}
	sort.Strings(sec)
	sort.Strings(pols)
	return sec, pols
}

// modelRows renders m as the queries above render the server's state.
func modelRows(m *Model) (roles, members, acls, defaults []string) {
	for _, n := range m.RoleNames() {
		r := m.Roles[n]
		if n == m.User || strings.HasPrefix(n, "pg_") {
			continue
		}
		var as []string
		for a, on := range r.Attrs {
			if on {
				as = append(as, a)
			}
		}
		slices.Sort(as)
		roles = append(roles, n+"|"+strings.Join(as, ","))
	}
	for _, ms := range m.Memberships {
		roles := fmt.Sprintf("%s|%s|%s", ms.Role, ms.Member, map[bool]string{true: "t", false: "f"}[ms.Admin])
		members = append(members, roles)
	}
	tf := map[bool]string{true: "true", false: "false"}
	for _, o := range m.Objects() {
		if o.Kind == Database && o.Name != m.Database {
			continue
		}
		acls = append(acls, fmt.Sprintf("%s|%s|owner=%s", o.Kind, o.QualifiedName(), o.Owner))
		// One row per grantee, grantor and privilege, as aclexplode.
		for g, byGrantor := range o.acl("") {
			for gr, ps := range byGrantor {
				for p, opt := range ps {
					acls = append(acls, fmt.Sprintf("%s|%s|%s:%s:%s:%s", o.Kind, o.QualifiedName(), g, p, tf[opt], gr))
				}
			}
		}
		for _, col := range o.columnsWithACL() {
			for g, byGrantor := range o.acl(col) {
				for gr, ps := range byGrantor {
					for p, opt := range ps {
						acls = append(acls, fmt.Sprintf("column|%s.%s|%s:%s:%s:%s", o.QualifiedName(), col, g, p, tf[opt], gr))
					}
				}
			}
		}
	}
	code := map[Kind]string{Table: "r", Sequence: "S", Function: "f", Schema: "n"}
	for _, d := range m.Defaults() {
		for g, ps := range d.ACL {
			for p, opt := range ps {
				defaults = append(defaults, fmt.Sprintf("%s|%s|%s|%s:%s:%s", d.Role, d.Schema, code[d.Kind], g, p, tf[opt]))
			}
		}
	}
	for _, s := range [][]string{roles, members, acls, defaults} {
		sort.Strings(s)
	}
	return roles, members, acls, defaults
}

// TestAgainstPostgres applies each fixture set of testdata/pg to a real
// PostgreSQL 15 and checks that the static model agrees with the server,
// privilege by privilege: roles and attributes, memberships, owners and
// ACLs of the database, schemas, tables, sequences and functions, column
// privileges, default privileges, row-level security and policies, view
// options and SECURITY DEFINER functions.
func TestAgainstPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a PostgreSQL server")
	}
	sets, err := filepath.Glob(filepath.Join("testdata", "pg", "*"))
	if err != nil || len(sets) < 10 {
		t.Fatalf("want at least 10 fixture sets, got %d (%v)", len(sets), err)
	}
	c := startCluster(t)
	for _, set := range sets {
		t.Run(filepath.Base(set), func(t *testing.T) {
			paths, _ := filepath.Glob(filepath.Join(set, "*.sql"))
			var ms []Migration
			for _, p := range paths {
				src, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				ms = append(ms, Migration{Path: filepath.ToSlash(p), Src: src})
			}
			ms = Order(ms)
			c.run(t, "postgres", "-c", "CREATE DATABASE app")
			t.Cleanup(func() {
				c.run(t, "postgres", "-c", "DROP DATABASE app")
				for _, r := range c.run(t, "postgres", "-c", "SELECT rolname FROM pg_roles WHERE rolname !~ '^pg_' AND rolname <> 'postgres'") {
					c.run(t, "postgres", "-c", fmt.Sprintf("DROP ROLE %q", r))
				}
			})
			dir := t.TempDir()
			for i, mg := range ms {
				f := filepath.Join(dir, fmt.Sprintf("%03d.sql", i))
				if err := os.WriteFile(f, UpPart(mg.Src), 0o644); err != nil {
					t.Fatal(err)
				}
				c.run(t, "app", "-f", f)
			}
			m := Replay(ms, "postgres", "app", nil)
			// ACL and Columns, which the policy and the report read, are
			// the union of the items the rows below are made of.
			for _, o := range m.Objects() {
				if o.grants != nil && !o.ACL.equal(o.grants.union()) {
					t.Errorf("%s %s: ACL %v is not the union of its items %v", o.Kind, o.QualifiedName(), o.ACL, o.grants)
				}
				for _, col := range o.columnsWithACL() {
					if !o.Columns[col].equal(o.acl(col).union()) {
						t.Errorf("%s %s column %s: ACL %v is not the union of its items", o.Kind, o.QualifiedName(), col, o.Columns[col])
					}
				}
				if len(o.Columns) != len(o.columnsWithACL()) {
					t.Errorf("%s %s: Columns %v, column items for %v", o.Kind, o.QualifiedName(), o.Columns, o.columnsWithACL())
				}
			}
			roles, members, acls, defaults := modelRows(m)
			sec, pols := securityRows(m)
			for _, cmp := range []struct {
				what        string
				model, real []string
			}{
				{"roles (pg_roles)", roles, c.run(t, "app", "-c", pgRolesQuery)},
				{"memberships (pg_auth_members)", members, c.run(t, "app", "-c", pgMembersQuery)},
				{"owners and privileges (aclexplode)", acls, c.run(t, "app", "-c", pgACLQuery)},
				{"default privileges (pg_default_acl)", defaults, c.run(t, "app", "-c", pgDefaultsQuery)},
				{"row security, view options, SECURITY DEFINER (pg_class, pg_proc)", sec, c.run(t, "app", "-c", pgSecurityQuery)},
				{"policies (pg_policy)", pols, c.run(t, "app", "-c", pgPoliciesQuery)},
			} {
				if !slices.Equal(cmp.model, cmp.real) {
					t.Errorf("%s differ\nonly in the model:  %q\nonly in PostgreSQL: %q", cmp.what, minus(cmp.model, cmp.real), minus(cmp.real, cmp.model))
				}
			}
			// The server read by grantguard audit, against the replay:
			// grantguard drift finds nothing.
			st, err := livedb.Read(context.Background(), livedb.Options{
				DSN: fmt.Sprintf("host=127.0.0.1 port=%d user=postgres dbname=app sslmode=disable", c.port)})
			if err != nil {
				t.Fatal(err)
			}
			if d := Drift(FromState(st), m, &lint.DriftConfig{}); len(d) > 0 {
				t.Errorf("drift between the server and the replay: %+v", d)
			}
		})
	}
}

func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}
