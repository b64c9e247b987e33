package rules

import (
	"path"
	"strings"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/cfgvalue"
	"github.com/grantguard/grantguard/lint/pgconf"
)

// AuditLoggingDisabled flags pgaudit.log set to none.
var AuditLoggingDisabled = &lint.Rule{
	Meta: lint.Meta{
		ID:       "audit-logging-disabled",
		Severity: lint.Warning,
		Title:    "Audit or connection logging is turned off",
		Rationale: "pgAudit logs the statements sessions run, by class (reads, writes, DDL, role changes), so an " +
			"investigation can tell who did what and when; audit logs like these are often required for " +
			"government, financial or ISO certifications. pgaudit.log = 'none' — for the server, a database, " +
			"a role or a session — removes that trail exactly where it was configured. log_connections = off " +
			"removes the record of who connected, as which role and from which address: the first thing " +
			"needed to tell a stolen password from a legitimate login. Both are reported where they are set " +
			"explicitly: postgresql.conf, SQL, and the parameter groups, database flags and server " +
			"configurations of managed servers.",
		References: []string{
			"pgAudit README — https://github.com/pgaudit/pgaudit",
			"PostgreSQL documentation, Error Reporting and Logging (log_connections) — https://www.postgresql.org/docs/current/runtime-config-logging.html",
			"Google Cloud SQL for PostgreSQL, Configure database flags — https://cloud.google.com/sql/docs/postgres/flags",
			"CWE-778: Insufficient Logging — https://cwe.mitre.org/data/definitions/778.html",
			"CIS PostgreSQL Benchmark — https://www.cisecurity.org/benchmark/postgresql",
			"CIS Google Cloud Platform Foundation Benchmark (log_connections for Cloud SQL PostgreSQL) — https://www.cisecurity.org/benchmark/google_cloud_computing_platform",
			"CIS Microsoft Azure Foundations Benchmark (log_connections for PostgreSQL) — https://www.cisecurity.org/benchmark/azure",
		},
		Bad:  "ALTER ROLE etl_user SET pgaudit.log = 'none';\nALTER SYSTEM SET log_connections = off;",
		Good: "ALTER SYSTEM SET pgaudit.log = 'write, ddl, role';\nALTER SYSTEM SET log_connections = on;",
		Fix: "Keep pgaudit.log at least at 'ddl, role, write' for the server and do not override it per role or " +
			"session; keep log_connections on (the default on Cloud SQL and Azure, and a parameter to set on RDS).",
		Tags:             []string{"audit", "server-config"},
		Precision:        "very-high",
		SecuritySeverity: 5.0,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindPGConf, lint.KindConfig, lint.KindGo},
	},
	SQL:    checkAuditLoggingDisabled,
	PGConf: checkAuditLoggingDisabledConf,
	Value:  checkAuditLoggingDisabledValue,
	Live:   liveAuditLoggingDisabled,
}

func checkAuditLoggingDisabled(p *lint.SQLPass, s *lint.Stmt) {
	for _, a := range sqlSettings(s) {
		switch {
		case strings.EqualFold(a.name, "pgaudit.log") && auditNone(a.value):
			p.Report(s, a.loc, "%s turns off audit logging", a)
		// log_connections can only be set before a session starts: a SET
		// of it fails, so only stored settings count.
		case strings.EqualFold(a.name, "log_connections") && !a.session() && boolOff(a.value):
			p.Report(s, a.loc, "%s stops logging who connects and from where", a)
		}
	}
}

func auditNone(v string) bool { return strings.EqualFold(strings.TrimSpace(v), "none") }

func checkAuditLoggingDisabledConf(p *lint.FilePass, f *pgconf.File) {
	if s := f.Last("pgaudit.log"); s != nil && auditNone(s.Value) {
		p.Report(s.ValueSpan.Start, s.ValueSpan.End, "pgaudit.log = '%s' turns off audit logging", s.Value)
	}
	if s := f.Last("log_connections"); s != nil {
		if on, ok := pgconf.Bool(s.Value); ok && !on {
			p.Report(s.ValueSpan.Start, s.ValueSpan.End, "log_connections = %s stops logging who connects and from where", s.Value)
		}
	}
	// postgresql.auto.conf holds ALTER SYSTEM settings only; the preload
	// list belongs to postgresql.conf.
	if !p.Config.Audit.RequireAudit || f.Fragment || strings.EqualFold(path.Base(p.File.Path), "postgresql.auto.conf") {
		return
	}
	spl := f.Last("shared_preload_libraries")
	if spl == nil {
		p.Report(0, -1, "[audit] require_audit is set but shared_preload_libraries is not: pgaudit is not loaded")
		return
	}
	for _, lib := range pgconf.List(spl.Value) {
		if lib == "pgaudit" {
			return
		}
	}
	p.Report(spl.ValueSpan.Start, spl.ValueSpan.End, "[audit] require_audit is set but shared_preload_libraries does not load pgaudit")
}

// checkAuditLoggingDisabledValue reports pgaudit.log = none and
// log_connections = off in the parameters of a managed server.
func checkAuditLoggingDisabledValue(p *lint.FilePass, v *cfgvalue.Value) {
	c, ok := cloudServerParam(p, v)
	switch {
	case !ok:
	case c.name == "pgaudit.log" && auditNone(c.value):
		p.Report(v.Start, v.End, "server parameter pgaudit.log = '%s' turns off audit logging", c.value)
	case c.name == "log_connections" && c.off():
		p.Report(v.Start, v.End, "server parameter log_connections = %s stops logging who connects and from where", c.value)
	}
}
