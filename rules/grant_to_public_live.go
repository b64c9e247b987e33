package rules

import (
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/live"
)

// liveGrantToPublic reports privileges PUBLIC holds beyond those
// PostgreSQL gives it on every new object (CONNECT and TEMPORARY on
// databases, EXECUTE on routines, USAGE on the public schema), in ACLs,
// column ACLs and default privileges.
func liveGrantToPublic(p *lint.LivePass) {
	st := p.State
	for i := range st.Objects {
		o := &st.Objects[i]
		public := o.Kind == live.Schema && o.Name == "public"
		_, privs := grantsBy(o.ACL, func(g live.Grant) bool {
			return g.Grantee == live.Public && !builtinPublicGrant(o.Kind, public, g.Privilege)
		})
		if ps := privs[live.Public]; len(ps) > 0 {
			p.Report(liveObject(st, o.Kind, o.Schema, o.Name), "PUBLIC holds %s on %s %s: every role, present and future, has it",
				privJoin(ps), o.Kind, o.QualifiedName())
		}
		for _, c := range sortedColumns(o.Columns) {
			_, privs := grantsBy(o.Columns[c], func(g live.Grant) bool { return g.Grantee == live.Public })
			if ps := privs[live.Public]; len(ps) > 0 {
				p.Report(liveObject(st, "column", o.Schema, o.Name+"."+c), "PUBLIC holds %s (%s) on %s: every role, present and future, has it",
					privJoin(ps), c, o.QualifiedName())
			}
		}
	}
	for _, d := range st.Defaults {
		_, privs := grantsBy(d.ACL, func(g live.Grant) bool {
			return g.Grantee == live.Public && !builtinPublicGrant(d.Kind, false, g.Privilege)
		})
		if ps := privs[live.Public]; len(ps) > 0 {
			p.Report(defaultsObject(st, d), "default privileges of %s give PUBLIC %s on every new %s", defaultsWhere(d), privJoin(ps), d.Kind)
		}
	}
}
