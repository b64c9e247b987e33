package lint

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/grantguard/grantguard/lint/sqlfront"
)

// scopeRun lints dir with the test catalogue and returns "path:line rule"
// for each finding, and the result.
func scopeRun(t *testing.T, dir string, opts Options) ([]string, *Result) {
	t.Helper()
	opts.WorkDir = dir
	opts.Catalogue = testCatalogue()
	if opts.Config == nil {
		opts.Config = DefaultConfig()
		opts.Config.Dir = dir
	}
	r, err := Run(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range r.Findings {
		out = append(out, fmt.Sprintf("%s:%d %s", f.Path, f.Line, f.Rule))
	}
	return out, r
}

const grantSQL = "GRANT SELECT ON t TO r;\n"

func TestOtherDialectsByPath(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"migrations/0001_init.postgres.up.sql":      grantSQL,
		"migrations/0001_init.mysql.up.sql":         "CREATE TABLE `t` (id int);\n",
		"migrations/0001_init.sqlite3.up.sql":       "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);\n",
		"migrations/0001_init.cockroach.up.sql":     "CREATE TABLE t (id INT8);\n",
		"schema/mysql/v1/schema.sql":                "CREATE TABLE t (id int) ENGINE=InnoDB;\n",
		"schema/sqlite/v1/schema.sql":               grantSQL,
		"schema/postgresql/v1/schema.sql":           grantSQL,
		"schema/mysqlish/v1/schema.sql":             grantSQL, // not a dialect name
		"db/mysql_compat.sql":                       grantSQL, // not a whole name part
		"forced/mysql/pg.sql":                       "GRANT ALL ON t TO r;\nSELECT FROM WHERE;\n",
		"elsewhere/oracle_looking_but_postgres.sql": grantSQL,
		"legacy/anything.sql":                       grantSQL,
	})
	cfg := DefaultConfig()
	cfg.Dir = dir
	cfg.SQL.Postgres = []string{"forced/**"}
	cfg.SQL.OtherDialects = []string{"legacy/*.sql"}
	got, res := scopeRun(t, dir, Options{Config: cfg})
	want := []string{
		"db/mysql_compat.sql:1 test-grant",
		"elsewhere/oracle_looking_but_postgres.sql:1 test-grant",
		"forced/mysql/pg.sql:1 test-grant",
		"forced/mysql/pg.sql:2 parse-error",
		"migrations/0001_init.postgres.up.sql:1 test-grant",
		"schema/mysqlish/v1/schema.sql:1 test-grant",
		"schema/postgresql/v1/schema.sql:1 test-grant",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings\n got %q\nwant %q", got, want)
	}
	wantLeft := map[string]int{"mysql": 2, "sqlite": 2, "cockroachdb": 1, configuredDialect: 1}
	if !maps.Equal(res.OtherDialects, wantLeft) {
		t.Errorf("OtherDialects = %v, want %v", res.OtherDialects, wantLeft)
	}
	// A file named on the command line is still recognized by its name.
	_, res = scopeRun(t, dir, Options{Config: cfg, Paths: []string{"migrations/0001_init.mysql.up.sql"}})
	if res.Files != 0 || res.OtherDialects["mysql"] != 1 {
		t.Errorf("named mysql file: linted %d, left out %v", res.Files, res.OtherDialects)
	}
}

func TestOtherDialectsBySyntax(t *testing.T) {
	cases := []struct {
		name, src, dialect string
	}{
		{"backticks", "CREATE TABLE `users` (`id` int NOT NULL);\n", "mysql"},
		{"engine", "CREATE TABLE users (id int) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n", "mysql"},
		{"auto_increment", "CREATE TABLE users (id int NOT NULL AUTO_INCREMENT PRIMARY KEY);\n", "mysql"},
		{"identified by", "CREATE USER app IDENTIFIED BY 'x';\n", "mysql"},
		// PostgreSQL reads these two as a column and a type: the file is
		// left out only because it also fails to parse.
		{"index in create table", "CREATE TABLE t (id int, name text, INDEX idx_name (name));\nSELEC 1;\n", "mysql"},
		{"unsigned", "CREATE TABLE t (id INT(11) UNSIGNED NOT NULL);\n", "mysql"},
		{"autoincrement", "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);\n", "sqlite"},
		{"without rowid", "CREATE TABLE t (k TEXT PRIMARY KEY, v) WITHOUT ROWID;\n", "sqlite"},
		{"pragma", "PRAGMA foreign_keys = ON;\nCREATE TABLE t (id int);\n", "sqlite"},
		{"upsert", "UPSERT INTO t (id) VALUES (1);\n", "cockroachdb"},
		{"go batches", "CREATE TABLE t (id int)\nGO\n", "sqlserver"},
		{"varchar2", "CREATE TABLE t (name VARCHAR2(20));\nSELEC 1;\n", "oracle"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{"m/001.sql": c.src})
			got, res := scopeRun(t, dir, Options{})
			if len(got) != 0 || res.OtherDialects[c.dialect] != 1 || res.Files != 0 {
				t.Errorf("findings %q, left out %v, linted %d; want none, %s 1, 0", got, res.OtherDialects, res.Files, c.dialect)
			}
		})
	}
	// PostgreSQL with a real syntax error keeps its parse-error, also when
	// another dialect's words sit in comments, literals or function bodies,
	// or are column names.
	pgBroken := []string{
		"GRANT SELECT ON t TO r;\nSELEC 1;\n",
		"-- was `users` AUTO_INCREMENT in MySQL\nSELEC 1;\n",
		"INSERT INTO notes VALUES ('ENGINE=InnoDB, `x`');\nSELEC 1;\n",
		"CREATE FUNCTION f() RETURNS text LANGUAGE plpython3u AS $$ return `1` $$;\nSELEC 1;\n",
		"CREATE TABLE t (id int, key varchar(255), pragma text);\nSELEC 1;\n",
	}
	for i, src := range pgBroken {
		dir := writeTree(t, map[string]string{"m/001.sql": src})
		got, res := scopeRun(t, dir, Options{})
		if !slices.Contains(got, "m/001.sql:2 parse-error") || len(res.OtherDialects) != 0 {
			t.Errorf("PostgreSQL file %d: findings %q, left out %v; want its parse-error", i, got, res.OtherDialects)
		}
	}
	// [sql] postgres keeps a file PostgreSQL whatever its syntax.
	dir := writeTree(t, map[string]string{"m/001.sql": "CREATE TABLE `users` (id int);\n"})
	cfg := DefaultConfig()
	cfg.Dir = dir
	cfg.SQL.Postgres = []string{"m/*.sql"}
	got, _ := scopeRun(t, dir, Options{Config: cfg})
	if !slices.Equal(got, []string{"m/001.sql:1 parse-error"}) {
		t.Errorf("[sql] postgres: findings %q, want the parse-error", got)
	}
}

func TestTestPaths(t *testing.T) {
	files := map[string]string{
		"migrations/0001.sql":                 grantSQL,
		"src/test/regress/sql/privileges.sql": grantSQL,
		"test/sql/a.sql":                      grantSQL,
		"migrations/tests/b.sql":              grantSQL,
		"pkg/__tests__/c.yaml":                "password: hunter2hunter2\n",
		"internal/testing/d.sql":              grantSQL,
		"test/io/fixtures/e.sql":              grantSQL,
		"db/test_seed.sql":                    grantSQL,
		"db/latest_seed.sql":                  grantSQL,
		"contest/f.sql":                       grantSQL, // not a test segment
		"e2e/g.sql":                           grantSQL,
		"identity/.snapshots/h.json":          "{}",
		"web/__snapshots__/i.yaml":            "a: 1\n",
		"extra/j.sql":                         grantSQL,
		"tests/keep/h.sql":                    grantSQL,
	}
	dir := writeTree(t, files)
	cfg := DefaultConfig()
	cfg.Dir = dir
	cfg.Tests.Paths = []string{"extra/**"}
	cfg.Tests.Lint = []string{"tests/keep/**"}
	got, res := scopeRun(t, dir, Options{Config: cfg})
	want := []string{
		"contest/f.sql:1 test-grant",
		"db/latest_seed.sql:1 test-grant",
		"migrations/0001.sql:1 test-grant",
		"tests/keep/h.sql:1 test-grant",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings\n got %q\nwant %q", got, want)
	}
	if res.TestFiles != 11 {
		t.Errorf("TestFiles = %d, want 11", res.TestFiles)
	}
	// --tests lints them all.
	got, res = scopeRun(t, dir, Options{Config: cfg, Tests: true})
	if len(got) != 12 || res.TestFiles != 0 { // the YAML and JSON files have no finding in the test catalogue
		t.Errorf("with Tests: %d findings %q, TestFiles %d; want 12, 0", len(got), got, res.TestFiles)
	}
	// A test directory or file named on the command line is linted.
	got, _ = scopeRun(t, dir, Options{Config: cfg, Paths: []string{"test/sql", "db/test_seed.sql"}})
	if want := []string{"db/test_seed.sql:1 test-grant", "test/sql/a.sql:1 test-grant"}; !slices.Equal(got, want) {
		t.Errorf("named: findings %q, want %q", got, want)
	}
}

func TestPsqlVariableAsSQLText(t *testing.T) {
	src := "\\set PREFIX 'EXPLAIN (costs off)'\n:PREFIX SELECT * FROM t;\n:PREFIX GRANT SELECT ON t TO r;\nSELECT 1 FROM t :tbl x;\n"
	dir := writeTree(t, map[string]string{"q.sql": src})
	_, res := scopeRun(t, dir, Options{})
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%d:%d %s %s", f.Line, f.Col, f.Rule, f.Message))
	}
	want := []string{
		"3:9 test-grant grant on line",
		`4:22 parse-error syntax error at or near "x"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings\n got %q\nwant %q", got, want)
	}
}

func TestRestoreStandIns(t *testing.T) {
	src := []byte("GRANT ALL ON :tbl TO :role_x;\nSELECT ${a} ${b}c;")
	pre := PreprocessSQL(src)
	cases := []struct {
		msg  string
		near int
		want string
	}{
		{`GRANT ALL on TABLE ` + string(pre[13:17]) + ` to ` + string(pre[21:28]), 0, "GRANT ALL on TABLE :tbl to :role_x"},
		{`syntax error at or near "` + string(pre[42:47]) + `"`, 42, `syntax error at or near "${b}c"`},
		{"nothing to restore", 0, "nothing to restore"},
	}
	for _, c := range cases {
		if got := sqlfront.RestoreStandIns(c.msg, src, pre, c.near); got != c.want {
			t.Errorf("sqlfront.RestoreStandIns(%q) = %q, want %q", c.msg, got, c.want)
		}
	}
}

// A template in a quoted function body, or in a PL/pgSQL or DO body, names
// an object there: the body parses, and what is in it is checked.
func TestTemplatesInBodies(t *testing.T) {
	src := "CREATE FUNCTION f() RETURNS int LANGUAGE SQL AS 'SELECT * FROM @extschema@.g($1)' SET search_path TO pg_catalog;\n" +
		"CREATE FUNCTION h() RETURNS void LANGUAGE plpgsql AS $$ BEGIN GRANT SELECT ON @extschema@.t TO bob; END $$;\n" +
		"DO $$ BEGIN GRANT SELECT ON ${schema}.t TO bob; END $$;\n"
	dir := writeTree(t, map[string]string{"ext--1.0.sql": src})
	got, _ := scopeRun(t, dir, Options{})
	want := []string{"ext--1.0.sql:2 test-grant", "ext--1.0.sql:3 test-grant"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}

// A file named postgresql.conf that another program reads (fail2ban,
// logrotate, supervisor) is skipped with a note, not a parse-error per line.
func TestOtherProgramConf(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"etc/fail2ban/filter.d/postgresql.conf": "[Definition]\nfailregex = ^.*authentication failed for user.*$\n",
		"etc/logrotate.d/postgresql.conf":       "/var/log/postgresql/*.log {\n  daily\n  compress\n}\n",
		"conf/postgresql.conf":                  "ssl = on\nlisten_addresses = '*\n",
	})
	got, res := scopeRun(t, dir, Options{})
	if want := []string{"conf/postgresql.conf:2 parse-error"}; !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
	var skipped []string
	for _, s := range res.Skipped {
		skipped = append(skipped, s.Path)
	}
	if want := []string{"etc/fail2ban/filter.d/postgresql.conf", "etc/logrotate.d/postgresql.conf"}; !slices.Equal(skipped, want) {
		t.Errorf("skipped %q, want %q", skipped, want)
	}
}

// A quoted psql variable is shown as written, quotes and colon included,
// whether the message quotes the name or not.
func TestRestoreQuotedStandIns(t *testing.T) {
	src := []byte(`ALTER ROLE :"owner" SUPERUSER;` + "\nCREATE ROLE a PASSWORD :'pw';")
	pre := PreprocessSQL(src)
	run := string(pre[12:18]) // the stand-in bytes between the quotes
	for _, c := range []struct{ msg, want string }{
		{"ALTER ROLE " + run + " gives SUPERUSER", `ALTER ROLE :"owner" gives SUPERUSER`},
		{`ALTER ROLE "` + run + `" gives SUPERUSER`, `ALTER ROLE :"owner" gives SUPERUSER`},
		{"PASSWORD '" + string(pre[55:58]) + "'", "PASSWORD :'pw'"},
	} {
		if got := sqlfront.RestoreStandIns(c.msg, src, pre, 0); got != c.want {
			t.Errorf("sqlfront.RestoreStandIns(%q) = %q, want %q", c.msg, got, c.want)
		}
	}
}

func TestTestDir(t *testing.T) {
	for name, want := range map[string]bool{
		"test": true, "Tests": true, "testing": true, "regress": true, "fixtures": true, "e2e": true,
		"__tests__": true, ".snapshots": true, "persistence-tests": true, "integration_test": true,
		"e2e-tests": true, "testhelpers": true, "testutil": true, "testfixtures": true, "testsetup": true,
		"latest": false, "contest": false, "attest": false, "testament": false, "migrations": false,
		"testdata2": false, "greatest-hits": false, "protest": false,
	} {
		if got := testDir(name); got != want {
			t.Errorf("testDir(%q) = %v, want %v", name, got, want)
		}
	}
}
