package lint

import "github.com/grantguard/grantguard/lint/sqlfront"

// Stmt is the SQL front end's statement, as SQL checks see it (see package
// sqlfront).
type Stmt = sqlfront.Stmt

// Literal is a string literal of a statement, with its positions (see
// package sqlfront).
type Literal = sqlfront.Literal

// StandInIdent is the stand-in the SQL preprocess, and the config front end
// for template actions, write for a value that is not a literal.
const StandInIdent = sqlfront.StandInIdent

// IsPlaceholder reports whether s holds a stand-in or an unexpanded template
// (see sqlfront.IsPlaceholder).
func IsPlaceholder(s string) bool { return sqlfront.IsPlaceholder(s) }

// PreprocessSQL is the SQL front end's preprocess (see sqlfront.Preprocess).
func PreprocessSQL(src []byte) []byte { return sqlfront.Preprocess(src) }

// SQLPass is handed to a rule's SQL check, once per statement.
type SQLPass struct {
	Reporter
	File   *File
	Config *Config
}

// Report reports a finding at loc, a location in s's parse tree (or a token
// location from s.Keyword); loc < 0 means the statement's start.
func (p *SQLPass) Report(s *Stmt, loc int32, format string, args ...any) {
	p.ReportSeverity(s, loc, 0, format, args...)
}

// ReportSeverity is Report with a severity other than the rule's default.
func (p *SQLPass) ReportSeverity(s *Stmt, loc int32, sev Severity, format string, args ...any) {
	p.ReportRange(s.FileOffset(loc), -1, sev, format, args...)
}

// ReportLiteral reports a finding spanning a string literal's content, from
// value offset a to b.
func (p *SQLPass) ReportLiteral(s *Stmt, lit Literal, a, b int, format string, args ...any) {
	p.ReportRange(s.FileOffset(int32(lit.At(a))), s.FileOffset(int32(lit.At(b))), 0, format, args...)
}

// Secret marks value bytes [a, b) of lit as a secret to redact.
func (p *SQLPass) Secret(s *Stmt, lit Literal, a, b int) {
	p.SecretRange(s.FileOffset(int32(lit.At(a))), s.FileOffset(int32(lit.At(b))))
}
