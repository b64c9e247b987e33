package rules

import (
	"strings"

	"github.com/grantguard/grantguard/lint"
)

// liveAuditLoggingDisabled checks the server's pgaudit.log and, with
// require_audit, shared_preload_libraries, and the pgaudit.log of roles
// and databases (ALTER ROLE/DATABASE ... SET). A role without
// pg_read_all_settings does not see shared_preload_libraries: then only
// pgaudit.log is judged (a note of the state says what was not read).
func liveAuditLoggingDisabled(p *lint.LivePass) {
	if _, ok := p.State.Setting("shared_preload_libraries"); ok || !p.Config.Audit.RequireAudit {
		p.Settings(checkAuditLoggingDisabledConf)
	} else if s, ok := p.State.Setting("pgaudit.log"); ok && auditNone(s.Value) {
		p.Report(lint.SettingObject(s.Name), "pgaudit.log = '%s' turns off audit logging", s.Value)
	}
	for _, rs := range p.State.RoleSettings {
		for _, kv := range rs.Settings {
			k, v, _ := strings.Cut(kv, "=")
			if !strings.EqualFold(k, "pgaudit.log") || !auditNone(v) {
				continue
			}
			switch {
			case rs.Database == "":
				p.Report(lint.RoleObject(rs.Role), "ALTER ROLE %s SET pgaudit.log = '%s' turns off audit logging of its sessions", rs.Role, v)
			case rs.Role == "":
				p.Report(lint.Object{Kind: "database", Name: rs.Database}, "ALTER DATABASE %s SET pgaudit.log = '%s' turns off audit logging in it", rs.Database, v)
			default:
				p.Report(lint.RoleObject(rs.Role), "ALTER ROLE %s IN DATABASE %s SET pgaudit.log = '%s' turns off audit logging of its sessions there",
					rs.Role, rs.Database, v)
			}
		}
	}
}
