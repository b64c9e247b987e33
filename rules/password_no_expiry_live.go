package rules

import "github.com/grantguard/grantguard/lint"

// livePasswordNoExpiry reports roles whose password is valid until
// 'infinity'.
func livePasswordNoExpiry(p *lint.LivePass) {
	for _, r := range p.State.Roles {
		if r.ValidUntil == "infinity" {
			p.Report(lint.RoleObject(r.Name), "%s has VALID UNTIL 'infinity': its password never expires", r.Name)
		}
	}
}
