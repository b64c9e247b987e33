// Package pgtest starts one throwaway PostgreSQL 15 cluster per test
// binary, for the tests of what reads a live server. Where the server
// binaries are missing, tests that ask for it skip, saying so.
//
// The cluster listens on 127.0.0.1 only, with this pg_hba.conf:
//
//	local     all  all                   trust
//	hostnossl all  tlsonly  127.0.0.1/32 reject
//	host      all  auditor,pwuser 127.0.0.1/32 scram-sha-256
//	host      all  all      127.0.0.1/32 trust
//
// Roles auditor (least privileged: pg_read_all_settings,
// pg_read_all_stats and, in postgres and template1, the pg_hba_file_rules
// grants) and pwuser (no
// privileges) have password Password; tlsonly can never connect without
// TLS, which the cluster does not offer.
package pgtest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Bin is where Debian's postgresql-15 package puts the server binaries.
const Bin = "/usr/lib/postgresql/15/bin"

// Password is the password of the roles auditor and pwuser.
const Password = "Audit-pw-7f3e"

// Cluster is the running server.
type Cluster struct {
	Port int
	Dir  string // holds data/, the log and the Unix socket
	psql string
	as   []string // the command prefix that runs a program as the server's OS user
}

var (
	once    sync.Once
	cluster *Cluster
	reason  string // why there is no cluster
)

// Start returns the cluster, starting it on first use; it skips tb when
// the cluster cannot be started here.
func Start(tb testing.TB) *Cluster {
	tb.Helper()
	if testing.Short() {
		tb.Skip("-short: not starting a PostgreSQL server")
	}
	once.Do(func() { cluster, reason = start() })
	if cluster == nil {
		tb.Skip(reason)
	}
	return cluster
}

// Main runs the tests of m and stops the cluster if one was started; a
// package's TestMain returns through it: os.Exit(pgtest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	if cluster != nil {
		cluster.stop()
	}
	return code
}

func start() (*Cluster, string) {
	for _, b := range []string{"initdb", "pg_ctl"} {
		if _, err := os.Stat(filepath.Join(Bin, b)); err != nil {
			return nil, fmt.Sprintf("PostgreSQL 15 server binaries not found in %s (apt-get install postgresql-15): %v", Bin, err)
		}
	}
	psql, err := exec.LookPath("psql")
	if err != nil {
		psql = filepath.Join(Bin, "psql")
		if _, err := os.Stat(psql); err != nil {
			return nil, "psql not found (apt-get install postgresql-client-15)"
		}
	}
	c := &Cluster{psql: psql}
	// initdb refuses to run as root: run the server as the postgres OS user.
	if os.Geteuid() == 0 {
		runuser, err := exec.LookPath("runuser")
		if err != nil {
			return nil, "running as root without runuser: cannot start PostgreSQL as another user"
		}
		c.as = []string{runuser, "-u", "postgres", "--"}
	}
	if c.Dir, err = os.MkdirTemp("", "grantguard-pg-"); err != nil {
		return nil, err.Error()
	}
	fail := func(format string, args ...any) (*Cluster, string) {
		_ = os.RemoveAll(c.Dir)
		return nil, fmt.Sprintf(format, args...)
	}
	if err := os.Chmod(c.Dir, 0o777); err != nil {
		return fail("%v", err)
	}
	data := filepath.Join(c.Dir, "data")
	if out, err := c.cmd(filepath.Join(Bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust",
		"-E", "UTF8", "--locale=C", "--no-sync").CombinedOutput(); err != nil {
		return fail("initdb failed (no postgres OS user?): %v\n%s", err, out)
	}
	hba := "local all all trust\n" +
		"hostnossl all tlsonly 127.0.0.1/32 reject\n" +
		"host all auditor,pwuser 127.0.0.1/32 scram-sha-256\n" +
		"host all all 127.0.0.1/32 trust\n"
	if out, err := c.cmd("sh", "-c", "cat > "+filepath.Join(data, "pg_hba.conf")).
		withStdin(hba).CombinedOutput(); err != nil {
		return fail("writing pg_hba.conf: %v\n%s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fail("%v", err)
	}
	c.Port = l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	opts := fmt.Sprintf("-p %d -c listen_addresses=127.0.0.1 -c unix_socket_directories=%s -c fsync=off", c.Port, c.Dir)
	if out, err := c.cmd(filepath.Join(Bin, "pg_ctl"), "-D", data, "-o", opts, "-w", "-l", filepath.Join(c.Dir, "log"), "start").CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.Dir, "log"))
		return fail("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
	setup := fmt.Sprintf(`CREATE ROLE auditor LOGIN PASSWORD '%[1]s' IN ROLE pg_read_all_settings, pg_read_all_stats;
GRANT SELECT ON pg_catalog.pg_hba_file_rules TO auditor;
GRANT EXECUTE ON FUNCTION pg_catalog.pg_hba_file_rules() TO auditor;
CREATE ROLE pwuser LOGIN PASSWORD '%[1]s';
CREATE ROLE tlsonly LOGIN;`, Password)
	// The grants on pg_hba_file_rules are per database, like any catalog
	// view's: made in template1 too, every database created later has them.
	grants := `GRANT SELECT ON pg_catalog.pg_hba_file_rules TO auditor;
GRANT EXECUTE ON FUNCTION pg_catalog.pg_hba_file_rules() TO auditor;`
	if out, err := c.Psql("postgres", setup); err != nil {
		c.stop()
		return nil, fmt.Sprintf("setting up roles: %v\n%s", err, out)
	}
	if out, err := c.Psql("template1", grants); err != nil {
		c.stop()
		return nil, fmt.Sprintf("setting up roles: %v\n%s", err, out)
	}
	return c, ""
}

type command struct{ *exec.Cmd }

func (c command) withStdin(s string) command {
	c.Stdin = strings.NewReader(s)
	return c
}

func (c *Cluster) cmd(args ...string) command {
	all := append(slices.Clone(c.as), args...)
	return command{exec.Command(all[0], all[1:]...)}
}

func (c *Cluster) stop() {
	_ = c.cmd(filepath.Join(Bin, "pg_ctl"), "-D", filepath.Join(c.Dir, "data"), "-m", "immediate", "stop").Run()
	_ = os.RemoveAll(c.Dir)
}

// DSN is a connection string for role user to database db, without a
// password.
func (c *Cluster) DSN(user, db string) string {
	return fmt.Sprintf("host=127.0.0.1 port=%d user=%s dbname=%s sslmode=disable", c.Port, user, db)
}

// Psql runs sql in database db as postgres and returns psql's output
// (unaligned, tuples only, fields separated by |).
func (c *Cluster) Psql(db, sql string) (string, error) {
	out, err := exec.Command(c.psql, "-X", "-q", "-A", "-t", "-F", "|", "-v", "ON_ERROR_STOP=1",
		"-h", "127.0.0.1", "-p", fmt.Sprint(c.Port), "-U", "postgres", "-d", db, "-c", sql).CombinedOutput()
	return string(out), err
}

// MustPsql is Psql that fails tb on error.
func (c *Cluster) MustPsql(tb testing.TB, db, sql string) string {
	tb.Helper()
	out, err := c.Psql(db, sql)
	if err != nil {
		tb.Fatalf("psql: %v\n%s\n%s", err, sql, out)
	}
	return out
}

// PsqlFile runs the SQL file path in database db as postgres, with psql
// variables vars ("name=value").
func (c *Cluster) PsqlFile(tb testing.TB, db, path string, vars ...string) {
	tb.Helper()
	args := []string{"-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", fmt.Sprint(c.Port), "-U", "postgres", "-d", db, "-f", path}
	for _, v := range vars {
		args = append(args, "-v", v)
	}
	out, err := exec.Command(c.psql, args...).CombinedOutput()
	if err != nil {
		tb.Fatalf("psql -f %s: %v\n%s", path, err, out)
	}
}

// AppendHBA adds line at the end of pg_hba.conf and reloads the server;
// the line is taken out again when tb ends.
func (c *Cluster) AppendHBA(tb testing.TB, line string) {
	tb.Helper()
	path := filepath.Join(c.Dir, "data", "pg_hba.conf")
	before, err := c.cmd("cat", path).Output()
	if err != nil {
		tb.Fatal(err)
	}
	write := func(s string) {
		if out, err := c.cmd("sh", "-c", "cat > "+path).withStdin(s).CombinedOutput(); err != nil {
			tb.Fatalf("writing pg_hba.conf: %v\n%s", err, out)
		}
		c.MustPsql(tb, "postgres", "SELECT pg_reload_conf()")
	}
	write(string(before) + line + "\n")
	tb.Cleanup(func() { write(string(before)) })
}
