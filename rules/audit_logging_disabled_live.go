package rules

import "github.com/grantguard/grantguard/lint"

// liveAuditLoggingDisabled checks the server's pgaudit.log and, with
// require_audit, shared_preload_libraries. A role without
// pg_read_all_settings does not see shared_preload_libraries: then only
// pgaudit.log is judged (a note of the state says what was not read).
func liveAuditLoggingDisabled(p *lint.LivePass) {
	if _, ok := p.State.Setting("shared_preload_libraries"); ok || !p.Config.Audit.RequireAudit {
		p.Settings(checkAuditLoggingDisabledConf)
		return
	}
	if s, ok := p.State.Setting("pgaudit.log"); ok && auditNone(s.Value) {
		p.Report(lint.SettingObject(s.Name), "pgaudit.log = '%s' turns off audit logging", s.Value)
	}
}
