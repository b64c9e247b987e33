package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/grantguard/grantguard/internal/pgtest"
	"github.com/grantguard/grantguard/lint/access"
)

// noPGEnv keeps the environment of whoever runs the tests out of them.
func noPGEnv(t *testing.T) {
	t.Helper()
	for _, k := range []string{"PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGSSLMODE", "PGSERVICE"} {
		t.Setenv(k, "")
		_ = os.Unsetenv(k)
	}
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
}

// shopCluster applies the example migrations to database shop of the test
// cluster, as a deployment would; what it creates is dropped when t ends.
func shopCluster(t *testing.T) *pgtest.Cluster {
	t.Helper()
	c := pgtest.Start(t)
	noPGEnv(t)
	c.MustPsql(t, "postgres", "CREATE DATABASE shop")
	t.Cleanup(func() {
		c.MustPsql(t, "postgres", "DROP DATABASE shop")
		c.MustPsql(t, "postgres", "DROP ROLE IF EXISTS contractor, oncall, bi_reader, api_user, app_readwrite, app_readonly")
		c.MustPsql(t, "postgres", "ALTER SYSTEM RESET password_encryption")
		c.MustPsql(t, "postgres", "SELECT pg_reload_conf()")
	})
	paths, err := filepath.Glob(filepath.Join(repoRoot(t), "examples", "migrations", "*.sql"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("example migrations: %v", err)
	}
	dir := t.TempDir()
	for i, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		up := filepath.Join(dir, fmt.Sprintf("%03d.sql", i))
		if err := os.WriteFile(up, access.UpPart(src), 0o644); err != nil {
			t.Fatal(err)
		}
		c.PsqlFile(t, "shop", up, "api_password=Api-pw-2f81", "reports_password=Reports-pw-9d04")
	}
	return c
}

// handChanges are what someone typed on the server: a GRANT, a LOGIN
// role with a membership, md5 password hashing, and a trust line in
// pg_hba.conf.
func handChanges(t *testing.T, c *pgtest.Cluster) {
	t.Helper()
	c.MustPsql(t, "shop", "GRANT INSERT ON shop.orders TO app_readonly")
	c.MustPsql(t, "shop", "CREATE ROLE contractor LOGIN")
	c.MustPsql(t, "shop", "GRANT app_readwrite TO contractor")
	c.MustPsql(t, "postgres", "ALTER SYSTEM SET password_encryption = 'md5'")
	c.MustPsql(t, "postgres", "SELECT pg_reload_conf()")
	c.AppendHBA(t, "host all all 0.0.0.0/0 trust")
}

// TestLiveShop: drift finds nothing on a server the migrations were
// applied to, then exactly the hand changes; audit reports what the rules
// find on the server, in every format, the same for a least-privileged
// monitoring role as for a superuser.
func TestLiveShop(t *testing.T) {
	c := shopCluster(t)
	chdir(t, repoRoot(t))
	cfg := filepath.Join("testdata", "live", "grantguard.toml")
	dsn := c.DSN("postgres", "shop")

	out, stderr, code := runCLI(t, "drift", "--dsn", dsn, "--config", cfg, "examples/migrations")
	if code != exitOK || out != "" {
		t.Fatalf("drift right after the migrations: exit %d\n%s%s", code, out, stderr)
	}

	handChanges(t, c)
	out, stderr, code = runCLI(t, "drift", "--dsn", dsn, "--config", cfg, "examples/migrations")
	if code != exitFindings {
		t.Errorf("drift exit %d, want %d\n%s", code, exitFindings, stderr)
	}
	golden(t, "live-drift.txt", out)

	for _, f := range []string{"text", "json", "sarif", "github"} {
		out, stderr, code := runCLI(t, "audit", "--dsn", dsn, "--config", cfg, "--format", f)
		if code != exitFindings {
			t.Errorf("audit --format %s: exit %d, want %d\n%s", f, code, exitFindings, stderr)
		}
		golden(t, "live-audit."+f, out)
	}

	// A monitoring role with pg_read_all_settings, pg_read_all_stats and
	// the pg_hba_file_rules grants sees what a superuser sees.
	super, _, _ := runCLI(t, "audit", "--dsn", dsn, "--config", cfg)
	t.Setenv("PGPASSWORD", pgtest.Password)
	monitor, stderr, code := runCLI(t, "audit", "--dsn", c.DSN("auditor", "shop"), "--config", cfg)
	if code != exitFindings || monitor != super {
		t.Errorf("audit as auditor: exit %d, output differs from the superuser's\n--- auditor ---\n%s\n--- stderr ---\n%s", code, monitor, stderr)
	}
	if strings.Contains(stderr, "note:") {
		t.Errorf("auditor has every privilege the audit needs, but got notes:\n%s", stderr)
	}

	// A role with no privileges gets a complete report of what it may
	// read, and notes naming the privileges it lacks.
	_, stderr, code = runCLI(t, "audit", "--dsn", c.DSN("pwuser", "shop"), "--config", cfg, "--fail-on", "never")
	if code != exitOK || !strings.Contains(stderr, "pg_read_all_settings") || !strings.Contains(stderr, "pg_hba_file_rules") {
		t.Errorf("audit as pwuser: exit %d, want 0 and notes\n%s", code, stderr)
	}

	// access-report --dsn: the same review, from the server.
	out, stderr, code = runCLI(t, "access-report", "--dsn", dsn, "--config", cfg, "--format", "markdown")
	if code != exitOK {
		t.Fatalf("access-report --dsn: exit %d\n%s", code, stderr)
	}
	// The server's minor version and build differ from one machine to the next.
	out = regexp.MustCompile(`PostgreSQL 15\.[^ ]+( \([^)]*\))?`).ReplaceAllString(out, "PostgreSQL 15")
	golden(t, "live-access-report.md", out)
	for f, want := range map[string]string{"json": `"server": "PostgreSQL 15`, "html": "read from PostgreSQL 15",
		"csv": "member_of,contractor,,role,app_readwrite"} {
		out, stderr, code := runCLI(t, "access-report", "--dsn", dsn, "--config", cfg, "--format", f)
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("access-report --dsn --format %s: exit %d, output without %q\n%s", f, code, want, stderr)
		}
	}
	if _, stderr, code := runCLI(t, "access-report", "--dsn", dsn, "examples/migrations"); code != exitError ||
		!strings.Contains(stderr, "not both") {
		t.Errorf("access-report --dsn with paths: exit %d, %s", code, stderr)
	}
}

// TestLiveErrors: what keeps the audit from running is exit 2 with a clear
// message that never holds the password.
func TestLiveErrors(t *testing.T) {
	noPGEnv(t)
	secret := "Hunter2-secret-31"
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"password in the URL", []string{"audit", "--dsn", "postgres://app:" + secret + "@db.example.com/app"}, "holds a password"},
		{"password keyword", []string{"drift", "--dsn", "host=db.example.com password=" + secret, "examples/migrations"}, "holds a password"},
		{"paths to audit", []string{"audit", "examples/migrations"}, "audit takes no paths"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			chdir(t, repoRoot(t))
			_, stderr, code := runCLI(t, tc.args...)
			if code != exitError || !strings.Contains(stderr, tc.want) || strings.Contains(stderr, secret) {
				t.Errorf("exit %d, stderr %q: want exit 2 naming %q, without the password", code, stderr, tc.want)
			}
		})
	}
	t.Run("wrong password", func(t *testing.T) {
		c := pgtest.Start(t)
		t.Setenv("PGPASSWORD", secret)
		_, stderr, code := runCLI(t, "audit", "--dsn", c.DSN("pwuser", "postgres"))
		if code != exitError || !strings.Contains(stderr, "password authentication failed") || strings.Contains(stderr, secret) {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
	t.Run("unreachable", func(t *testing.T) {
		t.Setenv("PGCONNECT_TIMEOUT", "3")
		_, stderr, code := runCLI(t, "audit", "--dsn", "host=127.0.0.1 port=1 user=app dbname=app sslmode=disable")
		if code != exitError || !strings.Contains(stderr, "connect: app@127.0.0.1:1/app") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
}
