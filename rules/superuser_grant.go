package rules

import (
	"strings"

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
	if rs, ok := asRoleStmt(s.Node); ok {
		for _, d := range rs.options {
			if d.Defname == "superuser" && defTrue(d) {
				p.Report(s, d.Location, "%s %s gives SUPERUSER, which bypasses every permission check", rs.verb, rs.role)
			}
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
		p.Report(s, s.Keyword(s.Start(), name), "GRANT %s TO %s makes %s a member of a superuser-equivalent role",
			name, roleList(g.GranteeRoles), roleList(g.GranteeRoles))
	}
}

func isSuperuserEquivalent(name string, cfg *lint.Config) bool {
	for _, r := range lint.SuperuserEquivalents {
		if strings.EqualFold(r, name) {
			return true
		}
	}
	for _, r := range cfg.SuperuserRoles {
		if r == name {
			return true
		}
	}
	return false
}
