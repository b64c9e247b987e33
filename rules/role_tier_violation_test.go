package rules

import (
	"path/filepath"
	"testing"

	"github.com/grantguard/grantguard/lint/configfile"
)

// The fixture harness lints with the default config, which has no [roles];
// the policy fixtures carry their own config beside them.
func TestRoleTierViolationFixtures(t *testing.T) {
	dir := filepath.Join("testdata", "policy", "role-tier-violation")
	cfg, err := configfile.Load(filepath.Join(dir, "grantguard.toml"), All.IDs())
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.sql")
	wants := parseWants(t, bad)
	checked := map[string]bool{}
	for _, w := range wants {
		checked[w.rule] = true
	}
	var got []want
	for _, f := range lintFile(t, bad, cfg) {
		if checked[f.Rule] {
			got = append(got, want{line: f.Line, rule: f.Rule})
		}
	}
	compareWants(t, bad, got, wants)
	good := filepath.Join(dir, "good.sql")
	for _, f := range lintFile(t, good, cfg) {
		if f.Rule == RoleTierViolation.ID || f.Rule == GrantAll.ID {
			t.Errorf("%s:%d: unexpected %s: %s", good, f.Line, f.Rule, f.Message)
		}
	}
	// Without [roles] the rule says nothing.
	for _, f := range lintFile(t, bad, nil) {
		if f.Rule == RoleTierViolation.ID {
			t.Errorf("%s:%d: %s without [roles]", bad, f.Line, f.Rule)
		}
	}
}
