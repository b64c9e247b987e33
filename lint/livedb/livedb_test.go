package livedb

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grantguard/grantguard/internal/pgtest"
	"github.com/grantguard/grantguard/lint/live"
	"github.com/jackc/pgx/v5/pgconn"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// noEnv keeps the environment of whoever runs the tests out of them.
func noEnv(t *testing.T) {
	for _, k := range []string{"PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGSSLMODE", "PGSERVICE", "PGAPPNAME"} {
		t.Setenv(k, "")
		_ = os.Unsetenv(k)
	}
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
}

func TestCheckDSN(t *testing.T) {
	for _, dsn := range []string{
		"postgres://pwuser:Hunter2-secret@db.example.com/app",
		"host=db.example.com user=pwuser password=Hunter2-secret dbname=app",
		"host=db.example.com sslpassword=Hunter2-secret",
	} {
		err := CheckDSN(dsn)
		if !errors.Is(err, ErrPasswordInDSN) {
			t.Errorf("CheckDSN(%q) = %v, want ErrPasswordInDSN", dsn, err)
		}
		if _, cerr := Connect(context.Background(), Options{DSN: dsn}); !errors.Is(cerr, ErrPasswordInDSN) {
			t.Errorf("Connect(%q) = %v, want ErrPasswordInDSN before any connection", dsn, cerr)
		}
		if err != nil && strings.Contains(err.Error(), "Hunter2") {
			t.Errorf("error quotes the password: %v", err)
		}
	}
	for _, dsn := range []string{"", "host=db.example.com user=app sslmode=verify-full", "postgres://app@db.example.com/app?sslmode=verify-full"} {
		if err := CheckDSN(dsn); err != nil {
			t.Errorf("CheckDSN(%q) = %v, want nil", dsn, err)
		}
	}
	if err := CheckDSN("host='unterminated password=Hunter2-secret"); err == nil || strings.Contains(err.Error(), "Hunter2") {
		t.Errorf("bad DSN: %v, want an error that quotes nothing of it", err)
	}
}

func TestRedactSetting(t *testing.T) {
	for in, want := range map[string]string{
		"host=primary user=replicator password=Hunter2-secret sslmode=verify-full": "host=primary user=replicator password=" + live.Redacted + " sslmode=verify-full",
		"postgres://replicator:Hunter2-secret@primary/db":                          "postgres://replicator:" + live.Redacted + "@primary/db",
		"scram-sha-256":                  "scram-sha-256",
		"the password is Hunter2-secret": live.Redacted,
	} {
		if got := redactSetting(in); got != want {
			t.Errorf("redactSetting(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnreachable(t *testing.T) {
	noEnv(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	t.Setenv("PGPASSWORD", "Hunter2-secret")
	dsn := "host=127.0.0.1 port=" + itoa(port) + " user=app dbname=app sslmode=disable"
	_, err = Read(context.Background(), Options{DSN: dsn, ConnectTimeout: 5 * time.Second})
	var e *Error
	if !errors.As(err, &e) || e.Op != "connect" {
		t.Fatalf("Read = %v, want a connect *Error", err)
	}
	if !strings.Contains(err.Error(), "app@127.0.0.1:"+itoa(port)+"/app") || strings.Contains(err.Error(), "Hunter2") {
		t.Errorf("message %q: want the server named and no password", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestWrongPassword(t *testing.T) {
	c := pgtest.Start(t)
	noEnv(t)
	t.Setenv("PGPASSWORD", "Wrong-pw-91c2")
	_, err := Read(context.Background(), Options{DSN: c.DSN("pwuser", "postgres")})
	if err == nil || !strings.Contains(err.Error(), "password authentication failed for user \"pwuser\"") {
		t.Fatalf("Read = %v, want password authentication failed", err)
	}
	if strings.Contains(err.Error(), "Wrong-pw") || strings.Contains(err.Error(), pgtest.Password) {
		t.Errorf("message quotes a password: %v", err)
	}
	if !strings.Contains(err.Error(), "PGPASSWORD or the password file") {
		t.Errorf("message %q does not say where the password comes from", err)
	}
}

func TestPasswordFile(t *testing.T) {
	c := pgtest.Start(t)
	noEnv(t)
	pass := filepath.Join(t.TempDir(), "pgpass")
	line := "127.0.0.1:" + itoa(c.Port) + ":*:auditor:" + pgtest.Password + "\n"
	if err := os.WriteFile(pass, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PGPASSFILE", pass)
	st, err := Read(context.Background(), Options{DSN: c.DSN("auditor", "postgres")})
	if err != nil {
		t.Fatalf("Read with the password file: %v", err)
	}
	if st.Server.User != "auditor" || len(st.Notes) != 0 || st.HBA == nil {
		t.Errorf("as auditor: user %q, notes %q, HBA read %v; want auditor, no notes, HBA read", st.Server.User, st.Notes, st.HBA != nil)
	}
}

func TestTLSRequired(t *testing.T) {
	c := pgtest.Start(t)
	noEnv(t)
	_, err := Read(context.Background(), Options{DSN: c.DSN("tlsonly", "postgres")})
	if err == nil || !strings.Contains(err.Error(), "the server requires TLS") {
		t.Fatalf("Read = %v, want a message that the server requires TLS", err)
	}
}

// TestLeastPrivileged reads as a role with no privileges at all: the state
// is complete but for pg_hba.conf, superuser-only settings and other
// sessions' TLS, and notes name the privileges that would allow them.
func TestLeastPrivileged(t *testing.T) {
	c := pgtest.Start(t)
	noEnv(t)
	t.Setenv("PGPASSWORD", pgtest.Password)
	st, err := Read(context.Background(), Options{DSN: c.DSN("pwuser", "postgres")})
	if err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(st.Notes, "\n")
	for _, want := range []string{"pg_read_all_settings", "pg_read_all_stats", "GRANT SELECT ON pg_catalog.pg_hba_file_rules",
		"GRANT EXECUTE ON FUNCTION pg_catalog.pg_hba_file_rules()"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes do not name %s:\n%s", want, notes)
		}
	}
	if st.HBA != nil {
		t.Errorf("HBA = %v, want nil (not readable)", st.HBA)
	}
	if _, ok := st.Setting("shared_preload_libraries"); ok {
		t.Error("shared_preload_libraries read without pg_read_all_settings")
	}
	if _, ok := st.Setting("ssl"); !ok {
		t.Error("ssl not read")
	}
	if !slices.ContainsFunc(st.Roles, func(r live.Role) bool { return r.Name == "auditor" }) {
		t.Error("roles not read")
	}
	for _, s := range st.Sessions {
		if s.User != "pwuser" {
			t.Errorf("session of %s read without pg_read_all_stats: %+v", s.User, s)
		}
	}
}

// TestSessionCannotWrite: the audit's session is read-only, even for a
// superuser, and says who it is.
func TestSessionCannotWrite(t *testing.T) {
	c := pgtest.Start(t)
	noEnv(t)
	ctx := context.Background()
	conn, err := Connect(ctx, Options{DSN: c.DSN("postgres", "postgres"), StatementTimeout: 7 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close(ctx) }()
	// The session refuses writes (default_transaction_read_only), and the
	// transaction the state is read in refuses them all, ALTER SYSTEM too.
	if _, err := conn.Exec(ctx, "CREATE TABLE audit_wrote (i int)"); sqlstate(err) != "25006" {
		t.Errorf("CREATE TABLE in the session: %v, want read_only_sql_transaction (25006)", err)
	}
	for sql, code := range map[string]string{
		"CREATE TABLE audit_wrote (i int)":  "25006",
		"CREATE ROLE audit_wrote":           "25006",
		"ALTER SYSTEM SET work_mem = '8MB'": "25001",
	} {
		tx, err := begin(ctx, conn)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, sql); sqlstate(err) != code {
			t.Errorf("%s in the audit's transaction: %v, want SQLSTATE %s", sql, err, code)
		}
		_ = tx.Rollback(ctx)
	}
	for setting, want := range map[string]string{"application_name": "grantguard", "statement_timeout": "7s",
		"default_transaction_read_only": "on"} {
		var got string
		if err := conn.QueryRow(ctx, "SELECT current_setting($1)", setting).Scan(&got); err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", setting, got, err, want)
		}
	}
	st, err := ReadConn(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	if st.Server.User != "postgres" || st.Server.Bootstrap != "postgres" || st.Server.VersionNum/10000 != 15 {
		t.Errorf("server %+v", st.Server)
	}
	if out := c.MustPsql(t, "postgres", "SELECT count(*) FROM pg_class WHERE relname = 'audit_wrote'"); strings.TrimSpace(out) != "0" {
		t.Errorf("the audit's session created a table")
	}
}

func sqlstate(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}

// TestReadState reads a database with one of each thing the state holds.
func TestReadState(t *testing.T) {
	c := pgtest.Start(t)
	noEnv(t)
	c.MustPsql(t, "postgres", "CREATE DATABASE readstate")
	t.Cleanup(func() {
		c.MustPsql(t, "postgres", "DROP DATABASE readstate")
		c.MustPsql(t, "postgres", "DROP ROLE rs_app, rs_ro")
	})
	c.MustPsql(t, "readstate", `CREATE ROLE rs_app LOGIN CREATEDB VALID UNTIL 'infinity';
CREATE ROLE rs_ro;
GRANT rs_ro TO rs_app WITH ADMIN OPTION;
CREATE SCHEMA app;
CREATE TABLE app.orders (id serial PRIMARY KEY, email text);
ALTER TABLE app.orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON app.orders FOR SELECT TO rs_app USING (true);
GRANT SELECT ON app.orders TO rs_ro WITH GRANT OPTION;
GRANT UPDATE (email) ON app.orders TO PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO rs_ro;
CREATE FUNCTION app.f(integer, text) RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = app AS 'SELECT 1';`)
	st, err := Read(context.Background(), Options{DSN: c.DSN("postgres", "readstate")})
	if err != nil {
		t.Fatal(err)
	}
	role := func(n string) live.Role {
		i := slices.IndexFunc(st.Roles, func(r live.Role) bool { return r.Name == n })
		if i < 0 {
			t.Fatalf("role %s not read", n)
		}
		return st.Roles[i]
	}
	if r := role("rs_app"); !r.Login || !r.CreateDB || r.Superuser || r.ValidUntil != "infinity" {
		t.Errorf("rs_app = %+v", r)
	}
	if !slices.Contains(st.Memberships, live.Membership{Role: "rs_ro", Member: "rs_app", Grantor: "postgres", Admin: true}) {
		t.Errorf("memberships %+v", st.Memberships)
	}
	obj := func(k live.Kind, schema, name string) *live.Object {
		for i := range st.Objects {
			if o := &st.Objects[i]; o.Kind == k && o.Schema == schema && o.Name == name {
				return o
			}
		}
		t.Fatalf("%s %s.%s not read; objects: %v", k, schema, name, st.Objects)
		return nil
	}
	orders := obj(live.Table, "app", "orders")
	if !orders.RLS || orders.ForceRLS || orders.Owner != "postgres" || orders.DefaultACL {
		t.Errorf("orders = %+v", orders)
	}
	if !slices.Contains(orders.ACL, live.Grant{Grantee: "rs_ro", Grantor: "postgres", Privilege: "SELECT", Grantable: true}) {
		t.Errorf("orders ACL %+v", orders.ACL)
	}
	if got := orders.Columns["email"]; !slices.Equal(got, []live.Grant{{Grantee: "PUBLIC", Grantor: "postgres", Privilege: "UPDATE"}}) {
		t.Errorf("orders.email ACL %+v", got)
	}
	if seq := obj(live.Sequence, "app", "orders_id_seq"); !seq.DefaultACL || len(seq.ACL) != 3 {
		t.Errorf("sequence %+v: want the default ACL, the owner's three privileges", seq)
	}
	f := obj(live.Function, "app", "f(integer, text)")
	if !f.SecurityDefiner || !slices.Equal(f.Config, []string{"search_path=app"}) ||
		!slices.Contains(f.ACL, live.Grant{Grantee: "PUBLIC", Grantor: "postgres", Privilege: "EXECUTE"}) {
		t.Errorf("function %+v", f)
	}
	if db := obj(live.Database, "", "readstate"); db.Owner != "postgres" {
		t.Errorf("database %+v", db)
	}
	if !slices.ContainsFunc(st.Defaults, func(d live.DefaultACL) bool {
		return d.Role == "postgres" && d.Schema == "app" && d.Kind == live.Table &&
			slices.Equal(d.ACL, []live.Grant{{Grantee: "rs_ro", Grantor: "postgres", Privilege: "SELECT"}})
	}) {
		t.Errorf("defaults %+v", st.Defaults)
	}
	if !reflect.DeepEqual(st.Policies, []live.Policy{{Schema: "app", Table: "orders", Name: "own", Permissive: true, Command: "SELECT",
		Roles: []string{"rs_app"}, Using: "true"}}) {
		t.Errorf("policies %+v", st.Policies)
	}
	if len(st.HBA) != 4 || st.HBA[1].Type != "hostnossl" || st.HBA[1].Method != "reject" || st.HBA[1].Address != "127.0.0.1" ||
		st.HBA[1].Netmask != "255.255.255.255" || !slices.Equal(st.HBA[1].Users, []string{"tlsonly"}) || st.HBA[1].Line != 2 {
		t.Errorf("HBA %+v", st.HBA)
	}
	if ssl, _ := st.Setting("ssl"); ssl.Value != "off" || ssl.Source != "default" {
		t.Errorf("ssl setting %+v", ssl)
	}
	if !slices.ContainsFunc(st.Sessions, func(s live.Session) bool { return s.User == "postgres" && s.ClientAddr == "127.0.0.1" && !s.SSL }) {
		t.Errorf("sessions %+v: want the audit's own, without TLS", st.Sessions)
	}
}
