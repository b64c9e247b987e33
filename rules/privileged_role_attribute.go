package rules

import "github.com/grantguard/grantguard/lint"

// privilegedAttributes maps parse-tree option names to the SQL keyword.
var privilegedAttributes = map[string]string{
	"createrole":    "CREATEROLE",
	"createdb":      "CREATEDB",
	"bypassrls":     "BYPASSRLS",
	"isreplication": "REPLICATION",
}

var attributeRisk = map[string]string{
	"CREATEROLE":  "it can create roles and grant itself membership in most of them",
	"CREATEDB":    "it can create databases it then owns",
	"BYPASSRLS":   "it ignores every row-level security policy",
	"REPLICATION": "it can stream every row of every database",
}

// PrivilegedRoleAttribute flags CREATEROLE, CREATEDB, BYPASSRLS and
// REPLICATION given to a role.
var PrivilegedRoleAttribute = &lint.Rule{
	Meta: lint.Meta{
		ID:       "privileged-role-attribute",
		Severity: lint.Warning,
		Title:    "Role is given CREATEROLE, CREATEDB, BYPASSRLS or REPLICATION",
		Rationale: "These attributes reach past the privileges on any one object: CREATEROLE creates and manages " +
			"other roles (and before PostgreSQL 16 could make itself a member of any role but a superuser), " +
			"BYPASSRLS ignores row-level security, REPLICATION can read every row through a replication " +
			"connection, CREATEDB creates databases the role then owns. Least privilege means application and " +
			"reporting roles have none of them. A statement that also gives SUPERUSER is reported once, by " +
			"superuser-grant (unless that rule is disabled): a superuser has every one of these attributes.",
		References: []string{
			"PostgreSQL documentation, Role Attributes — https://www.postgresql.org/docs/current/role-attributes.html",
			"PostgreSQL documentation, CREATE ROLE — https://www.postgresql.org/docs/current/sql-createrole.html",
			"PostgreSQL documentation, Row Security Policies — https://www.postgresql.org/docs/current/ddl-rowsecurity.html",
		},
		Bad:  "CREATE ROLE app_user LOGIN CREATEROLE BYPASSRLS;",
		Good: "CREATE ROLE app_user LOGIN;",
		Fix: "Drop the attribute (ALTER ROLE app_user NOCREATEROLE NOBYPASSRLS). Give it only to a " +
			"dedicated administration or replication role, and suppress the finding there with a reason.",
		Tags:             []string{"least-privilege", "roles"},
		Precision:        "very-high",
		SecuritySeverity: 6.5,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindGo, lint.KindConfig},
	},
	SQL:  checkPrivilegedRoleAttribute,
	Role: checkPrivilegedRoleAttributeRole,
	Live: livePrivilegedRoleAttribute,
}

func checkPrivilegedRoleAttribute(p *lint.SQLPass, s *lint.Stmt) {
	rs, ok := asRoleStmt(s)
	if !ok {
		return
	}
	if superuserOption(rs) != nil && !p.Config.Disabled[SuperuserGrant.ID] {
		return // a superuser has every attribute; superuser-grant reports the statement
	}
	for _, d := range rs.options {
		kw, ok := privilegedAttributes[d.Defname]
		if !ok || !defTrue(d) {
			continue
		}
		p.Report(s, d.Location, "%s %s gives %s: %s", rs.verb, rs.role, kw, attributeRisk[kw])
	}
}
