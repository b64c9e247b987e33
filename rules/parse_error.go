package rules

import "github.com/grantguard/grantguard/lint"

// ParseError is reported by the engine for input it cannot parse.
var ParseError = &lint.Rule{
	Meta: lint.Meta{
		ID:       lint.ParseErrorID,
		Severity: lint.Error,
		Title:    "File or statement could not be parsed",
		Rationale: "grantguard checks what PostgreSQL would execute, using PostgreSQL's own parser. A " +
			"statement it cannot parse is one it cannot check — and one the server would reject. " +
			"Each unparsable statement is reported once, at its line; the rest of the file is still checked. " +
			"A .sql file in another SQL dialect (named by its path, or using syntax PostgreSQL does not have) " +
			"is left out instead. pg_hba.conf, postgresql.conf and pgbouncer.ini files that do not parse are reported too; a " +
			"YAML, JSON, TOML or Terraform file only when it concerns PostgreSQL (names it, holds a connection " +
			"setting or a password) — others are skipped with a note.",
		References: []string{
			"PostgreSQL documentation, SQL Syntax — https://www.postgresql.org/docs/current/sql-syntax.html",
			"pg_query_go, PostgreSQL's parser as a Go library — https://github.com/pganalyze/pg_query_go",
		},
		Bad:  "GRANT SELECT ON TABLE accounts app_readonly;",
		Good: "GRANT SELECT ON TABLE accounts TO app_readonly;",
		Fix: "Fix the syntax error the message names. If the file is a template for another tool, " +
			"exclude it in .grantguard.toml.",
		Tags:             []string{"correctness"},
		Precision:        "very-high",
		SecuritySeverity: 1.0,
		Kinds:            []lint.Kind{lint.KindSQL},
	},
}
