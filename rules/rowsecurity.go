package rules

import (
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/access"
)

// securityAnalysis keys the run's one replay for the row-security rules.
type securityAnalysis struct{}

// References shared by the row-security rules.
const (
	refRowSecurity   = "PostgreSQL documentation, Row Security Policies — https://www.postgresql.org/docs/current/ddl-rowsecurity.html"
	refCreatePolicy  = "PostgreSQL documentation, CREATE POLICY — https://www.postgresql.org/docs/current/sql-createpolicy.html"
	refSupabaseRLS   = "Supabase documentation, Row Level Security — https://supabase.com/docs/guides/database/postgres/row-level-security"
	refSupabaseLint  = "Supabase documentation, Database Linter (Splinter) — https://supabase.com/docs/guides/database/database-linter"
	refPostgRESTAuth = "PostgREST documentation, Database Authorization — https://docs.postgrest.org/en/stable/explanations/db_authz.html"
)

// reportSecurity reports the findings of rule from the row-security
// analysis of the run's migration history (computed once for all five
// rules): those a later migration undoes only with history = "every".
func reportSecurity(p *lint.ProjectPass, rule string) {
	fs := p.Shared(securityAnalysis{}, func() any { return access.CheckSecurity(p.Files(), p.Config) }).([]access.SecurityFinding)
	for _, f := range fs {
		if f.Rule == rule && (!f.Undone || p.Config.HistoryEvery) {
			p.Report(f.Path, f.Offset, "%s", f.Msg)
		}
	}
}
