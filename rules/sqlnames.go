package rules

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/grantguard/grantguard/lint"
)

// display returns a name for messages; stand-ins for psql variables and
// templates are shown as such rather than as the bytes that replaced them.
func display(name string) string {
	if lint.IsPlaceholder(name) {
		return "(variable)"
	}
	return name
}

// roleSpec names a role in a GRANT, ALTER ROLE or similar.
func roleSpec(r *pg_query.RoleSpec) string {
	if r == nil {
		return ""
	}
	switch r.Roletype {
	case pg_query.RoleSpecType_ROLESPEC_PUBLIC:
		return "PUBLIC"
	case pg_query.RoleSpecType_ROLESPEC_CURRENT_USER:
		return "CURRENT_USER"
	case pg_query.RoleSpecType_ROLESPEC_SESSION_USER:
		return "SESSION_USER"
	case pg_query.RoleSpecType_ROLESPEC_CURRENT_ROLE:
		return "CURRENT_ROLE"
	}
	return display(r.Rolename)
}

// roleList joins the grantees of a GRANT.
func roleList(ns []*pg_query.Node) string {
	var names []string
	for _, n := range ns {
		names = append(names, roleSpec(n.GetRoleSpec()))
	}
	return strings.Join(names, ", ")
}

// qualified joins a name given as a list of String nodes.
func qualified(ns []*pg_query.Node) string {
	var parts []string
	for _, n := range ns {
		if s := n.GetString_(); s != nil {
			parts = append(parts, display(s.Sval))
		}
	}
	return strings.Join(parts, ".")
}

// roleStmt is a CREATE ROLE/USER/GROUP or ALTER ROLE/USER statement: the
// verb for messages, the role's name and its options.
type roleStmt struct {
	verb, role string
	options    []*pg_query.DefElem
}

func asRoleStmt(n *pg_query.Node) (roleStmt, bool) {
	var rs roleStmt
	var opts []*pg_query.Node
	switch {
	case n.GetCreateRoleStmt() != nil:
		c := n.GetCreateRoleStmt()
		rs.verb, rs.role, opts = "CREATE ROLE", display(c.Role), c.Options
		switch c.StmtType {
		case pg_query.RoleStmtType_ROLESTMT_USER:
			rs.verb = "CREATE USER"
		case pg_query.RoleStmtType_ROLESTMT_GROUP:
			rs.verb = "CREATE GROUP"
		}
	case n.GetAlterRoleStmt() != nil:
		a := n.GetAlterRoleStmt()
		rs.verb, rs.role, opts = "ALTER ROLE", roleSpec(a.Role), a.Options
	default:
		return rs, false
	}
	for _, o := range opts {
		if d := o.GetDefElem(); d != nil {
			rs.options = append(rs.options, d)
		}
	}
	return rs, true
}

// defTrue reports whether a boolean option is on: SUPERUSER gives true,
// NOSUPERUSER false.
func defTrue(d *pg_query.DefElem) bool {
	if d.Arg == nil {
		return true
	}
	if b := d.Arg.GetBoolean(); b != nil {
		return b.Boolval
	}
	if i := d.Arg.GetInteger(); i != nil {
		return i.Ival != 0
	}
	return false
}

// defString returns a string option value, and false for NULL or non-strings.
func defString(d *pg_query.DefElem) (string, bool) {
	if d.Arg == nil {
		return "", false
	}
	if s := d.Arg.GetString_(); s != nil {
		return s.Sval, true
	}
	return "", false
}

// constString returns the value of a string constant expression.
func constString(n *pg_query.Node) (string, int32, bool) {
	c := n.GetAConst()
	if c == nil || c.GetSval() == nil {
		return "", 0, false
	}
	return c.GetSval().Sval, c.Location, true
}

var objectKinds = map[pg_query.ObjectType]string{
	pg_query.ObjectType_OBJECT_TABLE:          "TABLE",
	pg_query.ObjectType_OBJECT_SEQUENCE:       "SEQUENCE",
	pg_query.ObjectType_OBJECT_DATABASE:       "DATABASE",
	pg_query.ObjectType_OBJECT_DOMAIN:         "DOMAIN",
	pg_query.ObjectType_OBJECT_FDW:            "FOREIGN DATA WRAPPER",
	pg_query.ObjectType_OBJECT_FOREIGN_SERVER: "FOREIGN SERVER",
	pg_query.ObjectType_OBJECT_FUNCTION:       "FUNCTION",
	pg_query.ObjectType_OBJECT_PROCEDURE:      "PROCEDURE",
	pg_query.ObjectType_OBJECT_ROUTINE:        "ROUTINE",
	pg_query.ObjectType_OBJECT_LANGUAGE:       "LANGUAGE",
	pg_query.ObjectType_OBJECT_LARGEOBJECT:    "LARGE OBJECT",
	pg_query.ObjectType_OBJECT_SCHEMA:         "SCHEMA",
	pg_query.ObjectType_OBJECT_TABLESPACE:     "TABLESPACE",
	pg_query.ObjectType_OBJECT_TYPE:           "TYPE",
	pg_query.ObjectType_OBJECT_PARAMETER_ACL:  "PARAMETER",
}

// grantTarget describes what a GRANT or REVOKE is on, e.g. "TABLE
// accounts" or "ALL TABLES IN SCHEMA app".
func grantTarget(g *pg_query.GrantStmt) string {
	kind := objectKinds[g.Objtype]
	if kind == "" {
		kind = "object"
	}
	var names []string
	for _, o := range g.Objects {
		switch {
		case o.GetRangeVar() != nil:
			rv := o.GetRangeVar()
			n := display(rv.Relname)
			if rv.Schemaname != "" {
				n = display(rv.Schemaname) + "." + n
			}
			names = append(names, n)
		case o.GetString_() != nil:
			names = append(names, display(o.GetString_().Sval))
		case o.GetObjectWithArgs() != nil:
			names = append(names, qualified(o.GetObjectWithArgs().Objname))
		case o.GetList() != nil:
			names = append(names, qualified(o.GetList().Items))
		}
	}
	switch g.Targtype {
	case pg_query.GrantTargetType_ACL_TARGET_ALL_IN_SCHEMA:
		return "ALL " + kind + "S IN SCHEMA " + strings.Join(names, ", ")
	case pg_query.GrantTargetType_ACL_TARGET_DEFAULTS:
		return "future " + strings.ToLower(kind) + "s (default privileges)"
	}
	return kind + " " + strings.Join(names, ", ")
}

// grantsOf returns the GRANT statement of s, either itself or the action of
// ALTER DEFAULT PRIVILEGES, with a prefix for messages.
func grantsOf(n *pg_query.Node) (*pg_query.GrantStmt, string) {
	if g := n.GetGrantStmt(); g != nil {
		return g, "GRANT"
	}
	if a := n.GetAlterDefaultPrivilegesStmt(); a != nil && a.Action != nil {
		return a.Action, "ALTER DEFAULT PRIVILEGES ... GRANT"
	}
	return nil, ""
}

// privileges lists the privileges of a GRANT or REVOKE, "ALL" for none.
func privileges(g *pg_query.GrantStmt) string {
	if len(g.Privileges) == 0 {
		return "ALL"
	}
	var ps []string
	for _, p := range g.Privileges {
		ap := p.GetAccessPriv()
		if ap == nil {
			continue
		}
		name := strings.ToUpper(ap.PrivName)
		if name == "" {
			name = "ALL"
		}
		if len(ap.Cols) > 0 {
			name += " (" + qualifiedList(ap.Cols) + ")"
		}
		ps = append(ps, name)
	}
	return strings.Join(ps, ", ")
}

// qualifiedList joins a list of String nodes with commas.
func qualifiedList(ns []*pg_query.Node) string {
	var parts []string
	for _, n := range ns {
		parts = append(parts, display(n.GetString_().GetSval()))
	}
	return strings.Join(parts, ", ")
}
