package rules

import (
	"path"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/proto"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/pgconf"
)

// AuditLoggingDisabled flags pgaudit.log set to none.
var AuditLoggingDisabled = &lint.Rule{
	Meta: lint.Meta{
		ID:       "audit-logging-disabled",
		Severity: lint.Warning,
		Title:    "pgAudit logging is turned off",
		Rationale: "pgAudit logs the statements sessions run, by class (reads, writes, DDL, role changes), so an " +
			"investigation can tell who did what and when; audit logs like these are often required for " +
			"government, financial or ISO certifications. pgaudit.log = 'none' — for the server, a database, " +
			"a role or a session — removes that trail exactly where it was configured.",
		References: []string{
			"pgAudit README — https://github.com/pgaudit/pgaudit",
			"CWE-778: Insufficient Logging — https://cwe.mitre.org/data/definitions/778.html",
			"CIS PostgreSQL Benchmark — https://www.cisecurity.org/benchmark/postgresql",
		},
		Bad:              "ALTER ROLE etl_user SET pgaudit.log = 'none';",
		Good:             "ALTER SYSTEM SET pgaudit.log = 'write, ddl, role';",
		Fix:              "Keep pgaudit.log at least at 'ddl, role, write' for the server and do not override it per role or session.",
		Tags:             []string{"audit", "server-config"},
		Precision:        "very-high",
		SecuritySeverity: 5.0,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindPGConf, lint.KindGo},
	},
	SQL:    checkAuditLoggingDisabled,
	PGConf: checkAuditLoggingDisabledConf,
	Live:   liveAuditLoggingDisabled,
}

func checkAuditLoggingDisabled(p *lint.SQLPass, s *lint.Stmt) {
	where := "SET"
	switch {
	case s.Node.GetAlterSystemStmt() != nil:
		where = "ALTER SYSTEM SET"
	case s.Node.GetAlterRoleSetStmt() != nil:
		where = "ALTER ROLE " + roleSpec(s.Node.GetAlterRoleSetStmt().Role) + " SET"
	case s.Node.GetAlterDatabaseSetStmt() != nil:
		where = "ALTER DATABASE " + ident(s.Node.GetAlterDatabaseSetStmt().Dbname) + " SET"
	case s.Node.GetCreateFunctionStmt() != nil || s.Node.GetAlterFunctionStmt() != nil:
		where = "function SET"
	}
	s.Inspect(func(m proto.Message) bool {
		switch n := m.(type) {
		case *pg_query.VariableSetStmt:
			if !strings.EqualFold(n.Name, "pgaudit.log") {
				return true
			}
			if v, loc, ok := setValue(n); ok && auditNone(v) {
				p.Report(s, loc, "%s pgaudit.log = '%s' turns off audit logging", where, v)
			}
		case *pg_query.FuncCall:
			// set_config('pgaudit.log', 'none', is_local)
			if qualifiedLast(n.Funcname) != "set_config" || len(n.Args) < 2 {
				return true
			}
			name, _, ok1 := constString(n.Args[0])
			v, loc, ok2 := constString(n.Args[1])
			if ok1 && ok2 && strings.EqualFold(name, "pgaudit.log") && auditNone(v) {
				p.Report(s, loc, "set_config('pgaudit.log', '%s') turns off audit logging", v)
			}
		}
		return true
	})
}

func auditNone(v string) bool { return strings.EqualFold(strings.TrimSpace(v), "none") }

// qualifiedLast returns the last part of a qualified name, lower-cased.
func qualifiedLast(ns []*pg_query.Node) string {
	if len(ns) == 0 {
		return ""
	}
	return strings.ToLower(ns[len(ns)-1].GetString_().GetSval())
}

func checkAuditLoggingDisabledConf(p *lint.FilePass, f *pgconf.File) {
	if s := f.Last("pgaudit.log"); s != nil && auditNone(s.Value) {
		p.Report(s.ValueSpan.Start, s.ValueSpan.End, "pgaudit.log = '%s' turns off audit logging", s.Value)
	}
	// postgresql.auto.conf holds ALTER SYSTEM settings only; the preload
	// list belongs to postgresql.conf.
	if !p.Config.Audit.RequireAudit || strings.EqualFold(path.Base(p.File.Path), "postgresql.auto.conf") {
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
