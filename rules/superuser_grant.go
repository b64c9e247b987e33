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
		Rationale: "A superuser bypasses every permission check, row-level security policy and audit " +
			"expectation; members of roles such as rds_superuser, cloudsqlsuperuser or " +
			"pg_execute_server_program can reach the server's operating system. The seed guidance: " +
			"never grant superuser or admin privileges to application service accounts; superuser " +
			"is for emergency access only, heavily audited.",
		Bad:  "CREATE ROLE app_user LOGIN SUPERUSER;\nGRANT rds_superuser TO app_user;",
		Good: "CREATE ROLE app_user LOGIN;\nGRANT app_readwrite TO app_user;",
		Fix: "Give the role only the privileges it needs through a readonly or readwrite group role. " +
			"Keep superuser for a break-glass role that is not used by applications.",
		Tags:             []string{"least-privilege", "roles"},
		Precision:        "very-high",
		SecuritySeverity: 9.0,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindGo},
	},
	SQL: checkSuperuserGrant,
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
