package configfile

import (
	"strings"
	"testing"
)

// require_declared_roles is read in a [policy] table and at the top level.
func TestParseConfigRequireDeclaredRoles(t *testing.T) {
	for _, src := range []string{
		"[policy]\nrequire_declared_roles = true\n[roles.ro]\ntier = \"readonly\"\n",
		"require_declared_roles = true\n[roles.ro]\ntier = \"readonly\"\n",
	} {
		got, err := Parse(".grantguard.toml", []byte(src), configTestRules)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if !got.RequireDeclaredRoles || got.Roles["ro"].Tier != "readonly" {
			t.Errorf("%q: RequireDeclaredRoles %v, roles %v", src, got.RequireDeclaredRoles, got.Roles)
		}
	}
	_, err := Parse(".grantguard.toml", []byte("[policy]\nrequire_declared_roles = \"yes\"\n"), configTestRules)
	if err == nil || !strings.Contains(err.Error(), ".grantguard.toml:2: [policy] require_declared_roles: expected a boolean") {
		t.Errorf("bad value: got %v", err)
	}
}
