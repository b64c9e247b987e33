package rules

import (
	"slices"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/grantguard/grantguard/lint"
)

// SuperuserGrant flags roles made superuser, directly or by membership.
var SuperuserGrant = &lint.Rule{
	Meta: lint.Meta{
		ID:       "superuser-grant",
		Severity: lint.Error,
		Title:    "Role is made superuser or a member of a superuser-equivalent role",
		Rationale: "A superuser bypasses every permission check and row-level security policy, can turn off audit " +
			"logging, and can read and write the server's files and run programs on its host (COPY ... " +
			"PROGRAM), as can a member of pg_execute_server_program. The managed services' stand-ins, " +
			"rds_superuser on Amazon RDS and cloudsqlsuperuser on Cloud SQL, can create roles and databases " +
			"and install extensions. Given to an application account, any of them turns a leaked password or " +
			"an SQL injection into control of far more than the application's data. PostgreSQL's manual calls " +
			"superuser status a dangerous privilege and advises doing most work as a role that is not a " +
			"superuser; keep it for emergency access.",
		References: []string{
			"PostgreSQL documentation, Role Attributes — https://www.postgresql.org/docs/current/role-attributes.html",
			"PostgreSQL documentation, Predefined Roles — https://www.postgresql.org/docs/current/predefined-roles.html",
			"Amazon RDS User Guide, Understanding the rds_superuser role — https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.PostgreSQL.CommonDBATasks.Roles.rds_superuser.html",
			"Google Cloud SQL for PostgreSQL, About PostgreSQL users and roles — https://cloud.google.com/sql/docs/postgres/users",
			"CWE-250: Execution with Unnecessary Privileges — https://cwe.mitre.org/data/definitions/250.html",
		},
		Bad:  "CREATE ROLE app_user LOGIN SUPERUSER;\nGRANT rds_superuser TO app_user;",
		Good: "CREATE ROLE app_user LOGIN;\nGRANT app_readwrite TO app_user;",
		Fix: "Give the role only the privileges it needs through a readonly or readwrite group role. " +
			"Keep superuser for a break-glass role that is not used by applications.",
		Tags:             []string{"least-privilege", "roles"},
		Precision:        "very-high",
		SecuritySeverity: 9.0,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindGo, lint.KindConfig},
	},
	SQL:  checkSuperuserGrant,
	Role: checkSuperuserGrantRole,
	Live: liveSuperuserGrant,
}

func checkSuperuserGrant(p *lint.SQLPass, s *lint.Stmt) {
	if rs, ok := asRoleStmt(s); ok {
		if d := superuserOption(rs); d != nil {
			p.Report(s, d.Location, "%s %s gives SUPERUSER, which bypasses every permission check", rs.verb, rs.role)
		}
		return
	}
	g := s.Node.GetGrantRoleStmt()
	if g == nil || !g.IsGrant {
		return
	}
	for _, n := range g.GrantedRoles {
		name := n.GetAccessPriv().GetPrivName()
		if !isSuperuserEquivalent(name, p.Config) {
			continue
		}
		grantees := roleList(g.GranteeRoles)
		p.Report(s, s.Keyword(s.Start(), name), "GRANT %s TO %s makes %s a member of a superuser-equivalent role",
			ident(name), grantees, grantees)
	}
}

// superuserOption returns the SUPERUSER option of a role statement, or nil
// when it does not make the role superuser.
func superuserOption(rs roleStmt) *pg_query.DefElem {
	for _, d := range rs.options {
		if d.Defname == "superuser" && defTrue(d) {
			return d
		}
	}
	return nil
}

func isSuperuserEquivalent(name string, cfg *lint.Config) bool {
	if cfg.IsSuperuserEquivalent(name) {
		return true
	}
	for _, r := range lint.SuperuserEquivalents {
		if strings.EqualFold(r, name) && !slices.Contains(cfg.NotSuperuserRoles, r) {
			return true
		}
	}
	return false
}
