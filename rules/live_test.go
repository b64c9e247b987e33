package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/live"
)

// liveState is a server's state with one thing of each kind a Live check
// looks at, bad and good side by side.
func liveState() *live.State {
	pg := func(p string, grantable bool, grantee string) live.Grant {
		return live.Grant{Grantee: grantee, Grantor: "postgres", Privilege: p, Grantable: grantable}
	}
	return &live.State{
		Server: live.Server{Database: "shop", User: "auditor", Bootstrap: "postgres"},
		Roles: []live.Role{
			{Name: "postgres", Superuser: true, Login: true, CreateRole: true, CreateDB: true, Replication: true, BypassRLS: true, Inherit: true},
			{Name: "oncall", Superuser: true, Login: true},
			{Name: "breakglass", Superuser: true}, // cannot log in
			{Name: "app", Login: true, Inherit: true, ValidUntil: "2027-01-01 00:00:00+00"},
			{Name: "etl", Login: true, CreateDB: true, BypassRLS: true, ValidUntil: "infinity"},
			{Name: "reader", Inherit: true},
			{Name: "rds_superuser"},
			{Name: "dba", Login: true, Inherit: true},
			{Name: "pg_monitor"},
		},
		Memberships: []live.Membership{
			{Role: "rds_superuser", Member: "dba", Grantor: "postgres"},
			{Role: "reader", Member: "app", Grantor: "postgres", Admin: true},
			{Role: "pg_monitor", Member: "app", Grantor: "postgres"},
		},
		Objects: []live.Object{
			{Kind: live.Database, Name: "shop", Owner: "postgres", ACL: []live.Grant{pg("CONNECT", false, "PUBLIC"), pg("TEMPORARY", false, "PUBLIC")}},
			{Kind: live.Schema, Name: "public", Owner: "pg_database_owner", ACL: []live.Grant{pg("USAGE", false, "PUBLIC"), pg("CREATE", false, "PUBLIC")}},
			{Kind: live.Schema, Name: "app", Owner: "postgres", ACL: []live.Grant{pg("USAGE", false, "PUBLIC")}},
			{Kind: live.Table, Schema: "app", Name: "orders", Owner: "postgres",
				ACL:     []live.Grant{pg("SELECT", false, "postgres"), pg("SELECT", true, "reader"), pg("INSERT", false, "reader"), pg("SELECT", false, "PUBLIC")},
				Columns: map[string][]live.Grant{"email": {pg("UPDATE", false, "PUBLIC"), pg("UPDATE", true, "app")}}},
			{Kind: live.Function, Schema: "app", Name: "purge(integer)", Owner: "postgres", SecurityDefiner: true, ACL: []live.Grant{pg("EXECUTE", false, "PUBLIC")}},
			{Kind: live.Function, Schema: "app", Name: "safe()", Owner: "postgres", SecurityDefiner: true, Config: []string{"search_path=pg_catalog, app"}},
			{Kind: live.Function, Schema: "app", Name: "plain()", Owner: "postgres"},
		},
		Defaults: []live.DefaultACL{
			{Role: "postgres", Schema: "app", Kind: live.Table, ACL: []live.Grant{pg("SELECT", false, "PUBLIC")}},
			{Role: "postgres", Kind: live.Function, ACL: []live.Grant{pg("EXECUTE", false, "postgres"), pg("EXECUTE", false, "PUBLIC")}},
		},
		Settings: []live.Setting{{Name: "log_connections", Value: "on"}, {Name: "pgaudit.log", Value: "none"},
			{Name: "shared_preload_libraries", Value: "pg_stat_statements"}, {Name: "ssl", Value: "off"}, {Name: "password_encryption", Value: "md5"}},
		RoleSettings: []live.RoleSetting{{Role: "etl", Settings: []string{"pgaudit.log=none"}}, {Database: "shop", Settings: []string{"work_mem=64MB"}}},
		HBA: []live.HBARule{
			{Line: 84, Type: "local", Databases: []string{"all"}, Users: []string{"postgres"}, Method: "peer"},
			{Line: 90, Type: "host", Databases: []string{"all"}, Users: []string{"all"}, Address: "0.0.0.0", Netmask: "0.0.0.0", Method: "md5"},
			{Line: 91, Type: "hostssl", Databases: []string{"shop"}, Users: []string{"app"}, Address: "10.1.0.0", Netmask: "255.255.0.0", Method: "scram-sha-256"},
			{Line: 92, Type: "host", Databases: []string{"all"}, Users: []string{"all"}, Address: "127.0.0.1", Netmask: "255.255.255.255", Method: "trust"},
			{Line: 93, Type: "host", Databases: []string{"all"}, Users: []string{"all"}, Address: "10.0.0.0", Netmask: "255.0.0.0", Method: "bogus", Error: "invalid authentication method \"bogus\""},
		},
		Sessions: []live.Session{
			{PID: 1, User: "app", Database: "shop", ClientAddr: "10.1.2.3", SSL: true},
			{PID: 2, User: "etl", Database: "shop", ClientAddr: "10.1.2.4"},
			{PID: 3, User: "etl", Database: "shop", ClientAddr: "10.1.2.4"},
			{PID: 4, User: "postgres", Database: "shop", ClientAddr: "127.0.0.1"},
			{PID: 5, User: "postgres", Database: "shop"},
		},
	}
}

// TestLiveChecks runs every rule's Live check on liveState and compares
// what each reports, object by object, with what must fire; everything
// else in the state must not.
func TestLiveChecks(t *testing.T) {
	cfg := lint.DefaultConfig()
	cfg.Audit.RequireAudit = true
	cfg.Roles = map[string]lint.RolePolicy{"reader": {Tier: "readonly"}}
	findings, notes := lint.Audit(liveState(), cfg, All)
	if len(notes) > 0 {
		t.Fatalf("notes: %q", notes)
	}
	var got []string
	for _, f := range findings {
		got = append(got, f.Rule+" @ "+f.Object.String()+" ["+f.Severity.String()+"]")
	}
	want := []string{
		"grant-option @ column shop.app.orders.email [warning]",
		"grant-to-public @ column shop.app.orders.email [warning]",
		"grant-to-public @ default privileges shop.postgres.app (tables) [warning]",
		"security-definer-search-path @ function shop.app.purge(integer) [warning]",
		"hba-weak-auth @ pg_hba.conf:90 [warning]",
		"broad-cidr @ pg_hba.conf:90 [error]",
		"hba-no-ssl @ pg_hba.conf:90 [warning]",
		"hba-trust @ pg_hba.conf:92 [error]",
		"privileged-role-attribute @ role etl [warning]",
		"privileged-role-attribute @ role etl [warning]",
		"password-no-expiry @ role etl [note]",
		"audit-logging-disabled @ role etl [warning]",
		"superuser-grant @ role dba [error]",
		"superuser-grant @ role oncall [error]",
		"weak-password-encryption @ setting password_encryption [warning]",
		"grant-option @ role app [warning]",
		"grant-to-public @ schema shop.app [warning]",
		"grant-to-public @ schema shop.public [warning]",
		"role-tier-violation @ schema shop.public [error]",
		"hba-no-ssl @ session etl@shop from 10.1.2.4 [warning]",
		"audit-logging-disabled @ setting pgaudit.log [warning]",
		"audit-logging-disabled @ setting shared_preload_libraries [warning]",
		"ssl-disabled @ setting ssl [error]",
		"grant-option @ table shop.app.orders [warning]",
		"grant-to-public @ table shop.app.orders [warning]",
		"role-tier-violation @ table shop.app.orders [error]",
	}
	key := func(ss []string) []string {
		out := slices.Clone(ss)
		slices.Sort(out)
		return out
	}
	if g, w := key(got), key(want); !slices.Equal(g, w) {
		t.Errorf("findings differ\n got: %q\nwant: %q", g, w)
	}
	for _, f := range findings {
		if f.Fingerprint == "" || f.Path != "" || f.Line != 0 {
			t.Errorf("%s @ %s: fingerprint %q, path %q, line %d", f.Rule, f.Object, f.Fingerprint, f.Path, f.Line)
		}
		if f.Rule == "role-tier-violation" && f.Object.Kind == "table" &&
			f.Message != "reader (tier readonly) holds INSERT, UPDATE (email) (through PUBLIC) on table app.orders, beyond its tier" {
			t.Errorf("role-tier-violation message %q", f.Message)
		}
	}
	if !slices.IsSortedFunc(findings, lint.Compare) {
		t.Error("findings are not in report order")
	}
}

// TestLiveConfig: [rules] disable and severity apply to live findings, and
// superuser_roles extends the superuser-equivalent roles.
func TestLiveConfig(t *testing.T) {
	cfg := lint.DefaultConfig()
	cfg.Disabled = map[string]bool{"hba-trust": true}
	cfg.Severity = map[string]lint.Severity{"ssl-disabled": lint.Note}
	cfg.SuperuserRoles = []string{"reader"}
	findings, _ := lint.Audit(liveState(), cfg, All)
	for _, f := range findings {
		switch {
		case f.Rule == "hba-trust":
			t.Errorf("disabled rule reported: %+v", f)
		case f.Rule == "ssl-disabled" && f.Severity != lint.Note:
			t.Errorf("ssl-disabled severity %v, want note", f.Severity)
		}
	}
	if !slices.ContainsFunc(findings, func(f lint.Finding) bool {
		return f.Rule == "superuser-grant" && f.Object == lint.RoleObject("app") && strings.Contains(f.Message, "member of reader")
	}) {
		t.Errorf("superuser_roles = [reader]: no superuser-grant for its member app")
	}
}

// TestEveryLiveRuleIsTested: each rule with a Live check fires in
// TestLiveChecks' state, so a check that stops firing fails a test.
func TestEveryLiveRuleIsTested(t *testing.T) {
	cfg := lint.DefaultConfig()
	cfg.Audit.RequireAudit = true
	cfg.Roles = map[string]lint.RolePolicy{"reader": {Tier: "readonly"}}
	findings, _ := lint.Audit(liveState(), cfg, All)
	for _, r := range All {
		if r.Live != nil && !slices.ContainsFunc(findings, func(f lint.Finding) bool { return f.Rule == r.ID }) {
			t.Errorf("%s has a Live check that does not fire on the test state", r.ID)
		}
	}
}
