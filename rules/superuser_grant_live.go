package rules

import "github.com/grantguard/grantguard/lint"

// liveSuperuserGrant reports LOGIN superusers besides the bootstrap
// superuser, which every cluster has, and members of superuser-equivalent
// roles.
func liveSuperuserGrant(p *lint.LivePass) {
	st := p.State
	boot := st.Server.Bootstrap
	super := map[string]bool{}
	for _, r := range st.Roles {
		super[r.Name] = r.Superuser
		if r.Superuser && r.Login && r.Name != boot {
			p.Report(lint.RoleObject(r.Name), "%s can log in and is a superuser, besides the bootstrap superuser %s: "+
				"it bypasses every permission check", r.Name, boot)
		}
	}
	for _, ms := range st.Memberships {
		if ms.Member == boot || super[ms.Member] || !super[ms.Role] && !isSuperuserEquivalent(ms.Role, p.Config) {
			continue
		}
		p.Report(lint.RoleObject(ms.Member), "%s is a member of %s, a superuser-equivalent role", ms.Member, ms.Role)
	}
}
