package rules

import (
	"slices"

	"github.com/grantguard/grantguard/lint"
	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// GrantAll flags GRANT ALL [PRIVILEGES].
var GrantAll = &lint.Rule{
	Meta: lint.Meta{
		ID:       "grant-all",
		Severity: lint.Error,
		Title:    "GRANT ALL gives every privilege on the object",
		Rationale: "GRANT ALL hands out TRUNCATE, REFERENCES and TRIGGER (on schemas also CREATE) along with the " +
			"privileges the role needs, and silently grows when PostgreSQL adds privileges (MAINTAIN in 17). " +
			"TRUNCATE empties a table without firing its ON DELETE triggers and without row-level security; " +
			"TRIGGER lets the role attach code that runs, with the writer's privileges, whenever other roles " +
			"write to the table. Least privilege means granting each role what its job needs and no more: " +
			"SELECT for a read-only role; SELECT, INSERT, UPDATE and DELETE for a read-write one. Not " +
			"reported on objects that have a single privilege (routines, types, domains, languages, foreign " +
			"data wrappers and servers, tablespaces), where ALL names no more than it.",
		References: []string{
			"PostgreSQL documentation, GRANT — https://www.postgresql.org/docs/current/sql-grant.html",
			"PostgreSQL documentation, Privileges — https://www.postgresql.org/docs/current/ddl-priv.html",
			"PostgreSQL documentation, TRUNCATE — https://www.postgresql.org/docs/current/sql-truncate.html",
			"PostgreSQL documentation, Row Security Policies — https://www.postgresql.org/docs/current/ddl-rowsecurity.html",
		},
		Bad:              "GRANT ALL ON TABLE accounts TO app_readwrite;",
		Good:             "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE accounts TO app_readwrite;",
		Fix:              "List the privileges the role needs. REVOKE ALL is fine and is not reported.",
		Tags:             []string{"least-privilege", "grants"},
		Precision:        "very-high",
		SecuritySeverity: 7.5,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindGo},
	},
	SQL: checkGrantAll,
}

func checkGrantAll(p *lint.SQLPass, s *lint.Stmt) {
	g, verb := grantsOf(s.Node)
	if g == nil || !g.IsGrant {
		return
	}
	all := len(g.Privileges) == 0 // the parser leaves the list empty for ALL
	for _, pr := range g.Privileges {
		if ap := pr.GetAccessPriv(); ap != nil && ap.PrivName == "" { // ALL (col, ...)
			all = true
		}
	}
	if !all || singlePrivilege(g.Objtype) || adminOwnSchemas(p.Config, s.Node, g) {
		return
	}
	p.Report(s, s.Keyword(s.Start(), "ALL"), "%s %s on %s to %s gives every privilege; grant only the ones needed",
		verb, privileges(g), grantTarget(p, s, g), roleList(g.Grantees))
}

// singlePrivilege reports whether objects of type t have one privilege
// only, so that ALL is no more than naming it: EXECUTE on routines, USAGE
// on types, domains, languages, foreign data wrappers and servers, CREATE
// on tablespaces.
func singlePrivilege(t pg_query.ObjectType) bool {
	switch t {
	case pg_query.ObjectType_OBJECT_FUNCTION, pg_query.ObjectType_OBJECT_PROCEDURE, pg_query.ObjectType_OBJECT_ROUTINE,
		pg_query.ObjectType_OBJECT_TYPE, pg_query.ObjectType_OBJECT_DOMAIN, pg_query.ObjectType_OBJECT_LANGUAGE,
		pg_query.ObjectType_OBJECT_FDW, pg_query.ObjectType_OBJECT_FOREIGN_SERVER, pg_query.ObjectType_OBJECT_TABLESPACE:
		return true
	}
	return false
}

// adminOwnSchemas reports whether every grantee of g is a role declared
// tier "admin" in config and every object g is on lies in that role's
// schemas (within its tier's policy, so not grant-all). Unqualified
// names are not exempt: the schema they resolve to depends on search_path.
func adminOwnSchemas(cfg *lint.Config, n *pg_query.Node, g *pg_query.GrantStmt) bool {
	if len(cfg.Roles) == 0 || len(g.Grantees) == 0 {
		return false
	}
	var schemas []string
	switch {
	case g.Targtype == pg_query.GrantTargetType_ACL_TARGET_DEFAULTS:
		for _, o := range n.GetAlterDefaultPrivilegesStmt().GetOptions() {
			if d := o.GetDefElem(); d.GetDefname() == "schemas" {
				for _, it := range d.Arg.GetList().GetItems() {
					schemas = append(schemas, it.GetString_().GetSval())
				}
			}
		}
	case g.Objtype == pg_query.ObjectType_OBJECT_SCHEMA || g.Targtype == pg_query.GrantTargetType_ACL_TARGET_ALL_IN_SCHEMA:
		for _, o := range g.Objects {
			schemas = append(schemas, o.GetString_().GetSval())
		}
	case g.Objtype == pg_query.ObjectType_OBJECT_TABLE || g.Objtype == pg_query.ObjectType_OBJECT_SEQUENCE:
		for _, o := range g.Objects {
			schemas = append(schemas, o.GetRangeVar().GetSchemaname())
		}
	case g.Objtype == pg_query.ObjectType_OBJECT_FUNCTION || g.Objtype == pg_query.ObjectType_OBJECT_PROCEDURE ||
		g.Objtype == pg_query.ObjectType_OBJECT_ROUTINE:
		for _, o := range g.Objects {
			if names := o.GetObjectWithArgs().GetObjname(); len(names) == 2 {
				schemas = append(schemas, names[0].GetString_().GetSval())
			} else {
				schemas = append(schemas, "")
			}
		}
	}
	if len(schemas) == 0 {
		return false
	}
	for _, ge := range g.Grantees {
		pol, ok := cfg.Roles[ge.GetRoleSpec().GetRolename()]
		if !ok || pol.Tier != "admin" || ge.GetRoleSpec().GetRoletype() != pg_query.RoleSpecType_ROLESPEC_CSTRING {
			return false
		}
		for _, sc := range schemas {
			if sc == "" || !slices.Contains(pol.Schemas, sc) {
				return false
			}
		}
	}
	return true
}
