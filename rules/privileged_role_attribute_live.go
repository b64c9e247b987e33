package rules

import "github.com/grantguard/grantguard/lint"

// livePrivilegedRoleAttribute reports CREATEROLE, CREATEDB, BYPASSRLS and
// REPLICATION on roles that are not superusers (a superuser has them all;
// superuser-grant is about it) nor predefined.
func livePrivilegedRoleAttribute(p *lint.LivePass) {
	for _, r := range p.State.Roles {
		if r.Superuser && !p.Config.Disabled[SuperuserGrant.ID] || r.Predefined() || r.Name == p.State.Server.Bootstrap {
			continue
		}
		for _, a := range []struct {
			on bool
			kw string
		}{{r.CreateRole, "CREATEROLE"}, {r.CreateDB, "CREATEDB"}, {r.BypassRLS, "BYPASSRLS"}, {r.Replication, "REPLICATION"}} {
			if a.on {
				p.Report(lint.RoleObject(r.Name), "%s has %s: %s", r.Name, a.kw, attributeRisk[a.kw])
			}
		}
	}
}
