package rules

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/grantguard/grantguard/lint"
)

// GrantToPublic flags privileges granted to PUBLIC.
var GrantToPublic = &lint.Rule{
	Meta: lint.Meta{
		ID:       "grant-to-public",
		Severity: lint.Warning,
		Title:    "Privilege granted to PUBLIC, that is to every role",
		Rationale: "PUBLIC is every role that exists now or is created later, including roles for other applications " +
			"and for people. A grant to PUBLIC cannot be reviewed per role and undoes any role hierarchy " +
			"built for least privilege: what one group was meant to have, every role gets. Not reported: " +
			"EXECUTE on functions, procedures and routines (GRANT EXECUTE ON FUNCTION f(...) TO PUBLIC, ON " +
			"ALL FUNCTIONS IN SCHEMA, and ALTER DEFAULT PRIVILEGES ... GRANT EXECUTE ON FUNCTIONS TO PUBLIC), " +
			"which only restates PostgreSQL's default (also right after a REVOKE ALL ... FROM PUBLIC: the " +
			"pair resets the routine's privileges to the default) — unless the same file creates the routine " +
			"SECURITY DEFINER: then every role can run it with its owner's rights.",
		References: []string{
			"PostgreSQL documentation, Privileges — https://www.postgresql.org/docs/current/ddl-priv.html",
			"PostgreSQL documentation, GRANT — https://www.postgresql.org/docs/current/sql-grant.html",
		},
		Bad:              "GRANT SELECT ON TABLE customers TO PUBLIC;",
		Good:             "GRANT SELECT ON TABLE customers TO app_readonly;",
		Fix:              "Grant to a group role (app_readonly, app_readwrite) and make the users members of it.",
		Tags:             []string{"least-privilege", "grants"},
		Precision:        "very-high",
		SecuritySeverity: 5.5,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindGo},
	},
	SQL:  checkGrantToPublic,
	Live: liveGrantToPublic,
}

func checkGrantToPublic(p *lint.SQLPass, s *lint.Stmt) {
	g, verb := grantsOf(s.Node)
	if g == nil || !g.IsGrant || !toPublic(g) || restatesExecuteDefault(p, s, g) {
		return
	}
	for _, n := range g.Grantees {
		if r := n.GetRoleSpec(); r != nil && r.Roletype == pg_query.RoleSpecType_ROLESPEC_PUBLIC {
			p.Report(s, r.Location, "%s %s on %s to PUBLIC gives it to every role, present and future", verb, privileges(g), grantTarget(p, s, g))
		}
	}
}

// restatesExecuteDefault reports whether g, a grant to PUBLIC, gives only
// EXECUTE on functions, procedures or routines that PUBLIC can execute
// anyway: PostgreSQL grants EXECUTE to PUBLIC on every new routine (after
// a REVOKE, the grant puts that default back). It is not a restatement
// when the file creates the routine SECURITY DEFINER. Names are matched by
// schema and name (not arguments); an unqualified name matches any schema.
func restatesExecuteDefault(p *lint.SQLPass, _ *lint.Stmt, g *pg_query.GrantStmt) bool {
	if !routineObject(g.Objtype) || !executePrivilege(g) {
		return false
	}
	facts := sqlFactsOf(p.File).executeFacts()
	switch g.Targtype {
	case pg_query.GrantTargetType_ACL_TARGET_DEFAULTS:
		return true
	case pg_query.GrantTargetType_ACL_TARGET_OBJECT:
		for _, o := range g.Objects {
			if facts.executeClosed(newQualName(o.GetObjectWithArgs().GetObjname()), false) {
				return false
			}
		}
		return true
	case pg_query.GrantTargetType_ACL_TARGET_ALL_IN_SCHEMA:
		for _, o := range g.Objects {
			if facts.executeClosed(qualName{schema: o.GetString_().GetSval()}, true) {
				return false
			}
		}
		return true
	}
	return false
}

// executeClosed reports whether the file creates SECURITY DEFINER the
// routine fn or (inSchema) any routine of schema fn.schema: then PUBLIC
// executing it runs code with its owner's rights. A REVOKE earlier in the
// file does not count: granting EXECUTE back to PUBLIC returns the routine
// to PostgreSQL's default (REVOKE ALL ... FROM PUBLIC; GRANT EXECUTE ... TO
// PUBLIC is a common way to reset an ACL).
func (f *sqlFacts) executeClosed(fn qualName, inSchema bool) bool {
	covers := func(o qualName) bool {
		if !sameSchema(o.schema, fn.schema) {
			return false
		}
		return inSchema || o.name == fn.name
	}
	for _, d := range f.definers {
		if covers(d) {
			return true
		}
	}
	return false
}
