package rules

import (
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/live"
)

// liveGrantOption reports privileges held WITH GRANT OPTION by a role
// other than the object's owner (whose grant option comes with
// ownership), and role memberships WITH ADMIN OPTION.
func liveGrantOption(p *lint.LivePass) {
	st := p.State
	for i := range st.Objects {
		o := &st.Objects[i]
		notOwner := func(g live.Grant) bool { return g.Grantable && g.Grantee != o.Owner }
		grantees, privs := grantsBy(o.ACL, notOwner)
		for _, g := range grantees {
			p.Report(liveObject(st, o.Kind, o.Schema, o.Name), "%s holds %s on %s %s WITH GRANT OPTION: it can grant them to anyone",
				g, privJoin(privs[g]), o.Kind, o.QualifiedName())
		}
		for _, c := range sortedColumns(o.Columns) {
			grantees, privs := grantsBy(o.Columns[c], notOwner)
			for _, g := range grantees {
				p.Report(liveObject(st, "column", o.Schema, o.Name+"."+c), "%s holds %s (%s) on %s WITH GRANT OPTION: it can grant them to anyone",
					g, privJoin(privs[g]), c, o.QualifiedName())
			}
		}
	}
	super := map[string]bool{}
	for _, r := range st.Roles {
		super[r.Name] = r.Superuser
	}
	for _, ms := range st.Memberships {
		if ms.Admin && !super[ms.Member] {
			p.Report(lint.RoleObject(ms.Member), "%s is a member of %s WITH ADMIN OPTION: it can grant %s to anyone", ms.Member, ms.Role, ms.Role)
		}
	}
}
