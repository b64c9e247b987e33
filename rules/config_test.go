package rules

import (
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/grantguard/grantguard/lint"
)

// findingsWith lints one file written to a temp dir with cfg and returns
// "line:col rule" for each finding.
func findingsWith(t *testing.T, name, src string, cfg *lint.Config) []string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range lintFile(t, path, cfg) {
		out = append(out, want{line: f.Line, col: f.Col, rule: f.Rule}.String())
	}
	return out
}

// TestConfigDrivenChecks covers the checks whose outcome the config
// decides: [audit] require_audit, [network] limits and allow, [tls]
// exempt_hosts and superuser_roles.
func TestConfigDrivenChecks(t *testing.T) {
	audit := lint.DefaultConfig()
	audit.Audit.RequireAudit = true
	network := lint.DefaultConfig()
	network.Network.MaxPublicPrefixV4 = 16
	network.Network.Allow = []netip.Prefix{netip.MustParsePrefix("198.51.100.0/22")}
	tls := lint.DefaultConfig()
	tls.ExemptHosts = []string{"db.internal", "10.0.0.0/8"}
	su := lint.DefaultConfig()
	su.SuperuserRoles = []string{"supabase_admin"}
	tests := []struct {
		name, file, src string
		cfg             *lint.Config
		want            []string
	}{
		{"require_audit without preload", "postgresql.conf", "ssl = on\n", audit, []string{"1:1 audit-logging-disabled"}},
		{"require_audit, pgaudit not preloaded", "postgresql.conf", "shared_preload_libraries = 'pg_stat_statements'\n", audit, []string{"1:28 audit-logging-disabled"}},
		{"require_audit satisfied", "postgresql.conf", "shared_preload_libraries = 'pg_stat_statements, pgaudit'\n", audit, nil},
		{"require_audit ignores auto.conf", "postgresql.auto.conf", "work_mem = '64MB'\n", audit, nil},
		{"require_audit off by default", "postgresql.conf", "ssl = on\n", nil, nil},
		{"public limit raised", "allow.yaml", "allowed_ips: [203.0.0.0/16, 203.0.0.0/15]\n", network, []string{"1:29 broad-cidr"}},
		{"approved range", "allow.yaml", "allowed_ips: [198.51.100.0/22, 198.51.0.0/12]\n", network, []string{"1:32 broad-cidr"}},
		{"allow never covers /0 of another range", "pg_hba.conf", "hostssl all all 0.0.0.0/0 scram-sha-256\n", network, []string{"1:17 broad-cidr"}},
		{"exempt host name", "app.env", "DATABASE_URL=postgres://app@db.internal/app?sslmode=disable\n", tls, nil},
		{"exempt CIDR", "app.env", "DATABASE_URL=postgres://app@10.1.2.3/app\n", tls, nil},
		{"loopback is always exempt", "app.env", "DATABASE_URL=postgres://app@localhost/app?sslmode=disable\n", tls, nil},
		{"other hosts are not", "app.env", "DATABASE_URL=postgres://app@db.example.com/app?sslmode=disable\n", tls, []string{"1:56 insecure-sslmode"}},
		{"extra superuser role", "r.sql", "GRANT supabase_admin TO app;\n", su, []string{"1:7 superuser-grant"}},
		{"extra superuser role not configured", "r.sql", "GRANT supabase_admin TO app;\n", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := findingsWith(t, tt.file, tt.src, tt.cfg)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
