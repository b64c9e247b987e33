package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestImageAndPgBouncerSeverity: the postgres image's variables and
// PgBouncer's settings get the severity pg_hba.conf would give the same
// method on the same kind of line — trust for local connections only and
// md5 are warnings, trust over TCP and password (plain) are errors — and
// an unset client_tls_sslmode is a warning where an explicit disable is an
// error.
func TestImageAndPgBouncerSeverity(t *testing.T) {
	for path, want := range map[string][]string{
		"testdata/hba-trust/bad_compose.yaml":          {"7 hba-trust error", "12 hba-trust error", "16 hba-trust error", "20 hba-trust error", "20 hba-trust warning", "24 hba-trust error", "38 hba-trust error", "40 hba-trust error", "46 hba-trust error"},
		"testdata/hba-trust/bad_ci.yaml":               {"9 hba-trust error", "10 hba-trust warning"},
		"testdata/hba-trust/bad.env":                   {"2 hba-trust error", "3 hba-trust warning"},
		"testdata/hba-trust/pgbouncer.bad.ini":         {"6 hba-no-ssl warning", "10 hba-trust error"},
		"testdata/hba-trust/pgbouncer.bad_any.ini":     {"6 hba-trust error"},
		"testdata/hba-trust/pgbouncer.bad_socket.ini":  {"4 hba-trust warning"},
		"testdata/hba-weak-auth/bad_compose.yaml":      {"5 hba-weak-auth warning", "8 hba-weak-auth error", "11 hba-weak-auth warning", "11 hba-weak-auth error", "21 hba-weak-auth warning"},
		"testdata/hba-weak-auth/pgbouncer.bad.ini":     {"2 hba-no-ssl warning", "3 hba-weak-auth error"},
		"testdata/hba-weak-auth/pgbouncer.bad_md5.ini": {"3 hba-weak-auth warning"},
		"testdata/hba-no-ssl/pgbouncer.bad.ini":        {"3 hba-no-ssl error"},
		"testdata/hba-no-ssl/pgbouncer.bad_prefer.ini": {"3 hba-no-ssl warning"},
		"testdata/hba-no-ssl/pgbouncer.bad_unset.ini":  {"5 hba-no-ssl warning"},
	} {
		var got []string
		for _, f := range lintFile(t, path, nil) {
			switch f.Rule {
			case HBATrust.ID, HBAWeakAuth.ID, HBANoSSL.ID:
				got = append(got, fmt.Sprintf("%d %s %s", f.Line, f.Rule, f.Severity))
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: findings %q, want %q", path, got, want)
		}
	}
}

// TestPgBouncerSecretsRedacted: the passwords of [databases] entries and
// of auth_file entries appear neither in messages nor in echoed lines.
func TestPgBouncerSecretsRedacted(t *testing.T) {
	for path, secrets := range map[string][]string{
		"testdata/hardcoded-password/pgbouncer.bad.ini": {"Sup3rS3cret", "it''s a secret", "it's a secret"},
		"testdata/hardcoded-password/userlist.bad.txt":  {"Sup3rS3cret", "md545f2603610af569b6155c45067268c6b"},
	} {
		fs := lintFile(t, path, nil)
		if len(fs) == 0 {
			t.Fatalf("%s: no findings", path)
		}
		for _, f := range fs {
			for _, s := range secrets {
				if strings.Contains(f.Message, s) || strings.Contains(f.Source, s) {
					t.Errorf("%s:%d: secret %q in %q / %q", path, f.Line, s, f.Message, f.Source)
				}
			}
		}
	}
}

// TestPgBouncerSuppression: ";" and "#" comments suppress in pgbouncer.ini,
// ";" in an auth_file. PgBouncer uses the last server_tls_sslmode, so the
// finding is on the second one and the ignore above the first is unused.
func TestPgBouncerSuppression(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"pgbouncer.ini": "[pgbouncer]\nlisten_addr = 127.0.0.1\n; grantguard:ignore hba-trust benchmark pooler on loopback\n" +
			"auth_type = trust\n# grantguard:ignore insecure-sslmode the server is on this host\nserver_tls_sslmode = require\nserver_tls_sslmode = allow\n",
		"userlist.txt": "; grantguard:ignore hardcoded-password throwaway test user\n\"test\" \"test-password\"\n\"app\" \"app-password\"\n",
	}
	var got []string
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, f := range lintFile(t, p, nil) {
			got = append(got, fmt.Sprintf("%s:%d:%d %s", name, f.Line, f.Col, f.Rule))
		}
	}
	slices.Sort(got)
	want := []string{"pgbouncer.ini:5:3 unused-ignore", "pgbouncer.ini:7:22 insecure-sslmode", "userlist.txt:3:8 hardcoded-password"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}
