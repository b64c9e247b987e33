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
			"which only restates PostgreSQL's default — unless the same file earlier revoked EXECUTE from " +
			"PUBLIC on that routine, on all routines of its schema or with ALTER DEFAULT PRIVILEGES, or " +
			"creates the routine SECURITY DEFINER: then the grant opens what the file closed.",
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
	SQL: checkGrantToPublic,
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
// anyway: PostgreSQL grants EXECUTE to PUBLIC on every new routine. It is
// not a restatement when the file revoked that default before g — from PUBLIC
// on the routine, on all routines of its schema, or with ALTER DEFAULT
// PRIVILEGES — or creates the routine SECURITY DEFINER. Names are matched
// by schema and name (not arguments); an unqualified name matches any
// schema.
func restatesExecuteDefault(p *lint.SQLPass, s *lint.Stmt, g *pg_query.GrantStmt) bool {
	if !routineObject(g.Objtype) || !executePrivilege(g) {
		return false
	}
	facts := sqlFactsOf(p.File).executeFacts()
	at := s.FileOffset(s.Start())
	if facts.defaultExecRevoked >= 0 && facts.defaultExecRevoked < at {
		return false
	}
	switch g.Targtype {
	case pg_query.GrantTargetType_ACL_TARGET_DEFAULTS:
		return true
	case pg_query.GrantTargetType_ACL_TARGET_OBJECT:
		for _, o := range g.Objects {
			if facts.executeClosed(newQualName(o.GetObjectWithArgs().GetObjname()), false, at) {
				return false
			}
		}
		return true
	case pg_query.GrantTargetType_ACL_TARGET_ALL_IN_SCHEMA:
		for _, o := range g.Objects {
			if facts.executeClosed(qualName{schema: o.GetString_().GetSval()}, true, at) {
				return false
			}
		}
		return true
	}
	return false
}

// executeClosed reports whether the file took EXECUTE from PUBLIC before
// offset at, or created SECURITY DEFINER, the routine fn or (inSchema) any
// routine of schema fn.schema.
func (f *sqlFacts) executeClosed(fn qualName, inSchema bool, at int) bool {
	covers := func(o qualName) bool {
		if !sameSchema(o.schema, fn.schema) {
			return false
		}
		return inSchema || o.name == fn.name
	}
	for _, r := range f.execRevokes {
		if r.at >= at {
			continue
		}
		if r.inSchema && sameSchema(r.fn.schema, fn.schema) || !r.inSchema && covers(r.fn) {
			return true
		}
	}
	for _, d := range f.definers {
		if covers(d) {
			return true
		}
	}
	return false
}
