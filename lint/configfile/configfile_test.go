package configfile

import (
	"errors"
	"io/fs"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/grantguard/grantguard/lint"
)

// configTestRules are the catalogue's rule IDs, spelled out so that these
// tests do not depend on the rules package.
var configTestRules = []string{
	"superuser-grant", "privileged-role-attribute", "grant-all", "grant-to-public",
	"grant-option", "hardcoded-password", "password-no-expiry", "insecure-sslmode",
	"missing-sslmode", "tls-insecure-skip-verify", "broad-cidr", "hba-trust",
	"hba-weak-auth", "hba-no-ssl", "ssl-disabled", "audit-logging-disabled",
	"security-definer-search-path", "role-tier-violation", "parse-error",
}

func TestLoadConfigSpecExample(t *testing.T) {
	const path = "testdata/config/spec.toml"
	got, err := Load(path, configTestRules)
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	want := &lint.Config{
		Path:           path,
		Dir:            filepath.Dir(abs),
		Exclude:        []string{"legacy/**"},
		Disabled:       map[string]bool{"missing-sslmode": true},
		Severity:       map[string]lint.Severity{"grant-to-public": lint.Error},
		SuperuserRoles: []string{"supabase_admin"},
		ExemptHosts:    []string{"localhost", "127.0.0.1", "::1"},
		Network: lint.NetworkConfig{
			MaxPublicPrefixV4:  24,
			MaxPublicPrefixV6:  48,
			MaxPrivatePrefixV4: 8,
			Allow:              []netip.Prefix{netip.MustParsePrefix("198.51.100.0/22")},
		},
		Audit: lint.AuditConfig{RequireAudit: false},
		Roles: map[string]lint.RolePolicy{
			"app_readonly":  {Tier: "readonly"},
			"app_readwrite": {Tier: "readwrite"},
			"migrator":      {Tier: "admin", Schemas: []string{"app"}},
			"breakglass":    {Tier: "superuser"},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load(%s):\n got %#v\nwant %#v", path, got, want)
	}
}

// The documented example writes superuser_roles after [audit]; written at the top
// level, where its comment says it belongs, it means the same.
func TestParseConfigSuperuserRolesTopLevel(t *testing.T) {
	src := "superuser_roles = [\"supabase_admin\"]\n[audit]\nrequire_audit = true\n"
	got, err := Parse(".grantguard.toml", []byte(src), configTestRules)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.SuperuserRoles, []string{"supabase_admin"}) || !got.Audit.RequireAudit {
		t.Errorf("got SuperuserRoles %q, RequireAudit %v", got.SuperuserRoles, got.Audit.RequireAudit)
	}
}

func TestParseConfigEmptyIsDefault(t *testing.T) {
	for _, src := range []string{"", "\n# nothing here\n", "\uFEFF"} {
		got, err := Parse("x/.grantguard.toml", []byte(src), configTestRules)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		want := lint.DefaultConfig()
		want.Path, want.Dir = got.Path, got.Dir
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %#v\nwant %#v", src, got, want)
		}
		if got.Path != "x/.grantguard.toml" || !filepath.IsAbs(got.Dir) || filepath.Base(got.Dir) != "x" {
			t.Errorf("%q: Path %q, Dir %q", src, got.Path, got.Dir)
		}
	}
}

func TestParseConfigValues(t *testing.T) {
	src := `exclude = ["legacy/**", "**/generated/*.sql"]
superuser_roles = ["supabase_admin", "rdsadmin"]
not_superuser_roles = ["postgres"]
history = "every"

[sql]
postgres = ["db/mysql/pg_compat/*.sql"]
other_dialects = ["schema/legacy/**"]

[tests]
paths = ["e2e/**"]
lint = ["test/security/**"]

[rules]
disable = []
severity = { grant-to-public = "error", password-no-expiry = "warning", broad-cidr = "note" }

[network]
max_public_prefix_v4 = 0x10
max_public_prefix_v6 = 128
max_private_prefix_v4 = 0
allow = [
  "10.1.2.3/8",      # masked to its network
  "192.0.2.7",       # a bare address is itself alone
  "2001:db8::1",
]

[tls]
exempt_hosts = []     # nothing is exempt, not even localhost

[roles."Reporting Role"]
tier = "readonly"
allow = ["truncate  on app.audit", "SELECT ON ALL TABLES IN SCHEMA app"]

[api]
schemas = ["public", "api"]
roles = ["web_anon", "web_user"]
grants_by_default = true
`
	got, err := Parse(".grantguard.toml", []byte(src), configTestRules)
	if err != nil {
		t.Fatal(err)
	}
	want := lint.DefaultConfig()
	want.Path, want.Dir = got.Path, got.Dir
	want.Exclude = []string{"legacy/**", "**/generated/*.sql"}
	want.SuperuserRoles = []string{"supabase_admin", "rdsadmin"}
	want.NotSuperuserRoles = []string{"postgres"}
	want.HistoryEvery = true
	want.SQL = lint.SQLConfig{Postgres: []string{"db/mysql/pg_compat/*.sql"}, OtherDialects: []string{"schema/legacy/**"}}
	want.Tests = lint.TestsConfig{Paths: []string{"e2e/**"}, Lint: []string{"test/security/**"}}
	want.Severity = map[string]lint.Severity{"grant-to-public": lint.Error, "password-no-expiry": lint.Warning, "broad-cidr": lint.Note}
	want.Network = lint.NetworkConfig{
		MaxPublicPrefixV4: 16, MaxPublicPrefixV6: 128, MaxPrivatePrefixV4: 0,
		Allow: []netip.Prefix{
			netip.MustParsePrefix("10.0.0.0/8"),
			netip.MustParsePrefix("192.0.2.7/32"),
			netip.MustParsePrefix("2001:db8::1/128"),
		},
	}
	want.ExemptHosts = []string{}
	want.Roles = map[string]lint.RolePolicy{
		"Reporting Role": {Tier: "readonly", Allow: []string{"TRUNCATE ON app.audit", "SELECT ON ALL TABLES IN SCHEMA app"}},
	}
	want.API = lint.APIConfig{Set: true, Schemas: []string{"public", "api"}, Roles: []string{"web_anon", "web_user"}, GrantsByDefault: true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("\n got %#v\nwant %#v", got, want)
	}
}

func TestParseConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"syntax error", "exclude = [\"a\"]\n[rules]\ndisable = [\"grant-all\" \"grant-option\"]\n",
			`.grantguard.toml:3:24: toml: expected a comma (',') or array terminator (']'), but got '"'`},
		{"syntax error at line start", "a = 'x'\nb = 1\nc",
			`.grantguard.toml:3:1: toml: unexpected EOF; expected key separator '='`},
		{"duplicate key", "[network]\nmax_public_prefix_v4 = 24\nmax_public_prefix_v4 = 16\n",
			`.grantguard.toml:3:1: toml: Key 'network.max_public_prefix_v4' has already been defined.`},
		{"unknown top-level key", "\n\nexclued = [\"legacy/**\"]\n",
			`.grantguard.toml:3: unknown key "exclued" (did you mean "exclude"?)`},
		{"unknown top-level table", "[rule]\ndisable = []\n",
			`.grantguard.toml:1: unknown key "rule" (did you mean "rules"?)`},
		{"unknown key without suggestion", "[audit]\nrequire_audit = true\nverbose = true\n",
			`.grantguard.toml:3: unknown key "audit.verbose"`},
		{"unknown drift key", "[drift]\nschemas = [\"app\"]\nignore_role = [\"rds*\"]\n",
			`.grantguard.toml:3: unknown key "drift.ignore_role" (did you mean "drift.ignore_roles"?)`},
		{"bad drift pattern", "[drift]\nignore_roles = [\"rds[\"]\n",
			`.grantguard.toml:2: [drift] ignore_roles: bad pattern "rds[": syntax error in pattern`},
		{"bad migration user", "[drift]\nmigration_user = 1\n",
			`.grantguard.toml:2: [drift] migration_user: expected a role name, got an integer`},
		{"unknown nested key", "[rules]\ndisable = []\nseverty = { grant-all = \"note\" }\n",
			`.grantguard.toml:3: unknown key "rules.severty" (did you mean "rules.severity"?)`},
		{"unknown dotted key", "rules.disabled = [\"grant-all\"]\n",
			`.grantguard.toml:1: unknown key "rules.disabled" (did you mean "rules.disable"?)`},
		{"key in the wrong table", "disable = [\"grant-all\"]\n",
			`.grantguard.toml:1: unknown key "disable" (did you mean "rules.disable"?)`},
		{"key after the wrong header", "[rules]\ndisable = []\nexclude = [\"legacy/**\"]\n",
			`.grantguard.toml:3: unknown key "rules.exclude" (did you mean "exclude"?)`},
		{"policy key in a role table", "[roles.app]\ntier = \"readonly\"\nrequire_declared_roles = true\n",
			`.grantguard.toml:3: unknown key "roles.app.require_declared_roles" (did you mean "require_declared_roles"?)`},
		{"unknown role key", "[roles.app]\ntier = \"readonly\"\ntiers = \"admin\"\n",
			`.grantguard.toml:3: unknown key "roles.app.tiers" (did you mean "roles.app.tier"?)`},
		{"unknown rule in disable", "[rules]\ndisable = [\n  \"missing-sslmode\",\n  \"grant-alll\",\n]\n",
			`.grantguard.toml:4: [rules] disable: unknown rule "grant-alll" (did you mean "grant-all"?)`},
		{"unknown rule in severity", "[rules]\n\nseverity = { grant-to-public = \"error\", grant-alll = \"note\" }\n",
			`.grantguard.toml:3: [rules] severity: unknown rule "grant-alll" (did you mean "grant-all"?)`},
		{"unknown rule in severity table", "[rules.severity]\ngrant-all = \"note\"\nsql-injection = \"note\"\n",
			`.grantguard.toml:3: [rules] severity: unknown rule "sql-injection"`},
		{"bad severity value", "[rules]\nseverity = { grant-all = \"fatal\" }\n",
			`.grantguard.toml:2: [rules] severity: bad severity "fatal" for "grant-all" (want error, warning or note)`},
		{"severity of wrong type", "[rules]\nseverity = { grant-all = 1 }\n",
			`.grantguard.toml:2: [rules] severity: expected a string for "grant-all", got an integer`},
		{"severity not a table", "[rules]\nseverity = \"error\"\n",
			`.grantguard.toml:2: [rules] severity: expected a table of rule = severity, got a string`},
		{"wrong type", "exclude = \"legacy/**\"\n",
			`.grantguard.toml:1: exclude: expected an array of strings, got a string`},
		{"wrong element type", "superuser_roles = [\"a\", 2]\n",
			`.grantguard.toml:1: superuser_roles: expected an array of strings, but element 2 is an integer`},
		{"empty element", "[tls]\nexempt_hosts = [\n\"localhost\",\n\"\",\n]\n",
			`.grantguard.toml:4: [tls] exempt_hosts: element 2 is an empty string`},
		{"bad history", "\nhistory = \"all\"\n",
			`.grantguard.toml:2: history: bad value "all" (want "final" or "every")`},
		{"history of wrong type", "history = true\n",
			`.grantguard.toml:1: history: expected a string, got a boolean`},
		{"unknown api key", "[api]\nschemas = [\"public\"]\nrole = [\"anon\"]\n",
			`.grantguard.toml:3: unknown key "api.role" (did you mean "api.roles"?)`},
		{"api schemas of wrong type", "[api]\nschemas = \"public\"\n",
			`.grantguard.toml:2: [api] schemas: expected an array of strings, got a string`},
		{"empty api role", "[api]\nroles = [\"anon\", \"\"]\n",
			`.grantguard.toml:2: [api] roles: element 2 is an empty string`},
		{"api grants_by_default of wrong type", "[api]\nschemas = [\"public\"]\ngrants_by_default = \"yes\"\n",
			`.grantguard.toml:3: [api] grants_by_default: expected a boolean, got a string`},
		{"api grants_by_default without schemas", "[api]\nroles = [\"web_anon\"]\ngrants_by_default = true\n",
			`.grantguard.toml:3: [api] grants_by_default: needs schemas: the schemas whose objects the platform grants to the API roles`},
		{"api not a table", "api = true\n",
			`.grantguard.toml:1: api: expected a table, got a boolean`},
		{"unknown sql key", "[sql]\npostgresql = [\"a/**\"]\n",
			`.grantguard.toml:2: unknown key "sql.postgresql" (did you mean "sql.postgres"?)`},
		{"bad tests glob", "[tests]\npaths = [\"e2e/[\"]\n",
			`.grantguard.toml:2: [tests] paths: bad glob "e2e/[": syntax error in pattern`},
		{"table of wrong type", "network = 24\n",
			`.grantguard.toml:1: network: expected a table, got an integer`},
		{"array of tables", "[[rules]]\ndisable = []\n",
			`.grantguard.toml:1: rules: expected a table, got an array of tables`},
		{"bool of wrong type", "[audit]\nrequire_audit = \"yes\"\n",
			`.grantguard.toml:2: [audit] require_audit: expected a boolean, got a string`},
		{"prefix of wrong type", "[network]\nmax_public_prefix_v6 = 48.0\n",
			`.grantguard.toml:2: [network] max_public_prefix_v6: expected an integer, got a float`},
		{"prefix out of range", "[network]\nmax_public_prefix_v4 = 33\n",
			`.grantguard.toml:2: [network] max_public_prefix_v4: 33 is out of range (want 0..32)`},
		{"negative prefix", "[network]\nmax_private_prefix_v4 = -1\n",
			`.grantguard.toml:2: [network] max_private_prefix_v4: -1 is out of range (want 0..32)`},
		{"v6 prefix out of range", "network.max_public_prefix_v6 = 129\n",
			`.grantguard.toml:1: [network] max_public_prefix_v6: 129 is out of range (want 0..128)`},
		{"bad CIDR", "[network]\nallow = [\"198.51.100.0/22\", \"10.0.0.0/33\"]\n",
			`.grantguard.toml:2: [network] allow: bad CIDR "10.0.0.0/33": prefix length out of range`},
		{"bad address", "[network]\nallow = [\"intranet\"]\n",
			`.grantguard.toml:2: [network] allow: bad CIDR "intranet": unable to parse IP`},
		{"zoned address", "[network]\nallow = [\"fe80::1%eth0\"]\n",
			`.grantguard.toml:2: [network] allow: bad CIDR "fe80::1%eth0": IPv6 zones are not allowed`},
		{"bad glob", "exclude = [\"legacy/**\", \"gen/[a-\"]\n",
			`.grantguard.toml:1: exclude: bad glob "gen/[a-": syntax error in pattern`},
		{"bad tier", "[roles.app]\ntier = \"read-only\"\n",
			`.grantguard.toml:2: [roles.app] tier: unknown tier "read-only" (did you mean "readonly"?)`},
		{"unknown tier", "[roles.app]\ntier = \"owner\"\n",
			`.grantguard.toml:2: [roles.app] tier: unknown tier "owner" (want readonly, readwrite, admin or superuser)`},
		{"missing tier", "[roles.app]\nschemas = []\n",
			`.grantguard.toml:1: [roles.app] tier: required (want readonly, readwrite, admin or superuser)`},
		{"role not a table", "[roles]\napp = \"readonly\"\n",
			`.grantguard.toml:2: [roles] app: expected a table, got a string`},
		{"admin without schemas", "[roles.migrator]\ntier = \"admin\"\n",
			`.grantguard.toml:1: [roles.migrator] schemas: required for tier "admin"`},
		{"admin with empty schemas", "[roles.migrator]\ntier = \"admin\"\nschemas = []\n",
			`.grantguard.toml:3: [roles.migrator] schemas: must not be empty for tier "admin"`},
		{"schemas on a non-admin tier", "[roles.app]\ntier = \"readwrite\"\nschemas = [\"app\"]\n",
			`.grantguard.toml:3: [roles.app] schemas: only allowed for tier "admin", not "readwrite"`},
		{"bad allow privilege", "[roles.app]\ntier = \"readonly\"\nallow = [\"SELEC ON app.t\"]\n",
			`.grantguard.toml:3: [roles.app] allow: bad entry "SELEC ON app.t": unknown privilege "SELEC" (did you mean "SELECT"?)`},
		{"bad allow shape", "[roles.app]\ntier = \"readonly\"\nallow = [\"TRUNCATE app.audit\"]\n",
			`.grantguard.toml:3: [roles.app] allow: bad entry "TRUNCATE app.audit": want "PRIVILEGE ON object"`},
		{"allow without object", "[roles.app]\ntier = \"readonly\"\nallow = [\"TRUNCATE ON\"]\n",
			`.grantguard.toml:3: [roles.app] allow: bad entry "TRUNCATE ON": want "PRIVILEGE ON object"`},
		{"inline role table", "roles = { app = { tier = \"admin\", schemas = [\"app\"] }, ro = { tier = \"readonly\", schemas = [\"x\"] } }\n",
			`.grantguard.toml:1: [roles.ro] schemas: only allowed for tier "admin", not "readonly"`},
		{"first problem wins", "[roles.app]\ntier = \"superuser\"\n[network]\nmax_public_prefix_v4 = 99\n[audit]\nrequire_audit = 1\n",
			`.grantguard.toml:4: [network] max_public_prefix_v4: 99 is out of range (want 0..32)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Parse(".grantguard.toml", []byte(tc.src), configTestRules)
			if err == nil {
				t.Fatalf("no error; config %#v", cfg)
			}
			if cfg != nil {
				t.Errorf("config %#v returned with the error", cfg)
			}
			if _, ok := errors.AsType[*Error](err); !ok {
				t.Errorf("error is %T, not *Error", err)
			}
			if err.Error() != tc.want {
				t.Errorf("\n got %s\nwant %s", err, tc.want)
			}
		})
	}
}

func TestConfigErrorKey(t *testing.T) {
	for _, tc := range []struct{ src, key string }{
		{"[rules]\nseverity = { grant-alll = \"note\" }\n", "rules.severity.grant-alll"},
		{"[roles.\"a b\"]\ntier = 1\n", `roles."a b".tier`},
		{"[roles.migrator]\ntier = \"admin\"\n", "roles.migrator.schemas"},
		{"exclude = [\"a\"\n", "exclude"},
	} {
		_, err := Parse("c.toml", []byte(tc.src), configTestRules)
		ce, ok := errors.AsType[*Error](err)
		if !ok {
			t.Fatalf("%q: error %v", tc.src, err)
		}
		if ce.Key != tc.key || ce.File != "c.toml" {
			t.Errorf("%q: Key %q, File %q; want Key %q", tc.src, ce.Key, ce.File, tc.key)
		}
	}
}

func TestLoadConfigMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".grantguard.toml")
	_, err := Load(path, configTestRules)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("error %v does not wrap fs.ErrNotExist", err)
	}
	if want := path + ": cannot read config: no such file or directory"; err.Error() != want {
		t.Errorf("\n got %s\nwant %s", err, want)
	}
}

func TestLoadConfigErrorNamesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".grantguard.toml")
	if err := os.WriteFile(path, []byte("[tls]\nexempt_host = []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path, configTestRules)
	want := path + `:2: unknown key "tls.exempt_host" (did you mean "tls.exempt_hosts"?)`
	if err == nil || err.Error() != want {
		t.Errorf("\n got %v\nwant %s", err, want)
	}
}

func TestConfigSuggest(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want string
	}{
		{"exclued", "exclude"},  // a swap is one edit
		{"exlude", "exclude"},   // a deletion
		{"excluude", "exclude"}, // an insertion
		{"rule", "rules"},       //
		{"tsl", "tls"},          // short words allow one edit
		{"x", ""},               // not "tls", two edits away
		{"excl", ""},            // three edits
		{"severity", ""},        // not a key at this level
		{"superuser-roles", "superuser_roles"},
	} {
		if got := Suggest(tc.s, configTopKeys); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

// The key index must point at the line a key is written on, past the
// places a naive line scan gets wrong.
func TestConfigKeyIndex(t *testing.T) {
	src := `# exclude = ["commented out"]
exclude = [
  "a",   # [rules] in a comment
  "b",
]
notes = """
severity = "in a string"
[network]
"""
literal = '''
x = 1 ''''
"quoted.key" = 1
[ rules ]   # a header with spaces
severity = { grant-all = "note", "grant-option" = 'warning',
  hba-trust = "error" }
[roles."app role"]
tier = "readonly"
[roles.migrator]
tier.deep = 1
[[arr]]
k = [[1, 2], [3]]
[[arr]]
k = 2
a.b."c.d" = 3
esc = "\"]"
next = 1
`
	x := indexConfigKeys([]byte(src))
	for _, tc := range []struct {
		key  []string
		line int
	}{
		{[]string{"exclude"}, 2},
		{[]string{"notes"}, 6},
		{[]string{"literal"}, 10},
		{[]string{"quoted.key"}, 12},
		{[]string{"rules"}, 13},
		{[]string{"rules", "severity"}, 14},
		{[]string{"rules", "severity", "grant-all"}, 14},
		{[]string{"rules", "severity", "grant-option"}, 14},
		{[]string{"rules", "severity", "hba-trust"}, 15},
		{[]string{"rules", "disable"}, 13}, // absent: its table's line
		{[]string{"roles"}, 16},
		{[]string{"roles", "app role", "tier"}, 17},
		{[]string{"roles", "migrator"}, 18},
		{[]string{"roles", "migrator", "tier"}, 19},
		{[]string{"roles", "migrator", "tier", "deep"}, 19},
		{[]string{"arr"}, 20},
		{[]string{"arr", "k"}, 21},
		{[]string{"arr", "a", "b", "c.d"}, 24},
		{[]string{"arr", "esc"}, 25},
		{[]string{"arr", "next"}, 26},
		{[]string{"network"}, 0},
	} {
		if got := x.line(tc.key); got != tc.line {
			t.Errorf("line(%s) = %d, want %d", toml.Key(tc.key), got, tc.line)
		}
	}
	for i, want := range []int{3, 4} {
		if got := x.elemLine([]string{"exclude"}, i); got != want {
			t.Errorf("elemLine(exclude, %d) = %d, want %d", i, got, want)
		}
	}
	if got := x.elemLine([]string{"arr", "k"}, 1); got != 21 {
		t.Errorf("elemLine(arr.k, 1) = %d, want 21", got)
	}
	if n := len(x.elems["arr.k"]); n != 2 {
		// The two elements of the first [[arr]]'s k, not those of the
		// arrays nested in it; the second [[arr]]'s k is a scalar.
		t.Errorf("arr.k has %d element lines, want 2", n)
	}
}

func FuzzParseConfig(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/config/*.toml")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"", "[rules]\nseverity = { grant-all = \"fatal\" }\n", "[roles.x]\ntier = \"admin\"\n",
		"exclude = [\"\"\"\na\n\"\"\", '''b''']\n", "[[roles]]\n[[roles]]\n", "a = { b = [ { c = 1 } ] }\n",
		"[network]\nallow = [\"::/0\", \"1.2.3.4\", \"300.1.1.1\"]\n", "\uFEFFx = 1979-05-27T07:32:00Z\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("f.toml", data, configTestRules)
		if err != nil {
			ce, ok := errors.AsType[*Error](err)
			switch {
			case !ok:
				t.Fatalf("error %T %v is not a *Error", err, err)
			case ce.Line < 0 || ce.Col < 0:
				t.Fatalf("bad position in %#v", ce)
			case ce.File != "f.toml" || !strings.HasPrefix(ce.Error(), "f.toml:"):
				t.Fatalf("error %q does not name the file", ce)
			case cfg != nil:
				t.Fatalf("config returned with error %v", err)
			}
		} else if cfg == nil {
			t.Fatal("no config and no error")
		}
		// On any document the decoder accepts, every key gets the line
		// it is written on.
		var doc map[string]any
		md, err := toml.Decode(string(data), &doc)
		if err != nil {
			return
		}
		x := indexConfigKeys(data)
		lines := strings.Split(string(data), "\n")
		for _, k := range md.Keys() {
			l := x.line(k)
			if l < 1 || l > len(lines) {
				t.Fatalf("key %s: line %d out of 1..%d", k, l, len(lines))
			}
			last := k[len(k)-1]
			if configBareKey(last) && !strings.Contains(lines[l-1], last) {
				t.Fatalf("key %s: line %d is %q", k, l, lines[l-1])
			}
		}
	})
}

func configBareKey(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return s != ""
}
