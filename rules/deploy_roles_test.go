package rules

import (
	"path/filepath"
	"testing"

	"github.com/grantguard/grantguard/lint/configfile"
)

// Roles an operator creates are held to the [roles] policy too: an
// attribute only the superuser tier may have, given to a role of another
// tier, is a violation where the resource gives it.
func TestRoleTierViolationOperatorRoles(t *testing.T) {
	dir := filepath.Join("testdata", "policy", "role-tier-violation")
	cfg, err := configfile.Load(filepath.Join(dir, "grantguard.toml"), All.IDs())
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad_operators.yaml")
	wants := parseWants(t, bad)
	var got []want
	for _, f := range lintFile(t, bad, cfg) {
		if f.Rule == RoleTierViolation.ID {
			got = append(got, want{line: f.Line, rule: f.Rule, col: f.Col})
		}
	}
	compareWants(t, bad, got, wants)
	for _, f := range lintFile(t, bad, nil) {
		if f.Rule == RoleTierViolation.ID {
			t.Errorf("%s:%d: %s without [roles]", bad, f.Line, f.Rule)
		}
	}
}
