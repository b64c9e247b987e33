package rules

import (
	"fmt"
	"slices"
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
		"testdata/hba-trust/bad_compose.yaml":          {"7 hba-trust error", "12 hba-trust error", "16 hba-trust error", "20 hba-trust error", "20 hba-trust warning", "24 hba-trust error", "38 hba-trust error", "40 hba-trust error"},
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
