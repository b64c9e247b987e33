package lint

import (
	"bytes"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/proto"

	"github.com/grantguard/grantguard/lint/sqlfront"
)

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

// checkSQL runs the SQL checks of the catalogue over every statement of f.
// Unless full is set, only the statements a rule can act on are parsed.
func checkSQL(f *File, cfg *Config, cat Catalogue, s *sink, full bool) {
	pre := sqlfront.Preprocess(f.Src)
	var parsed *sqlfront.Parsed
	if full {
		parsed = sqlfront.Parse(string(pre))
	} else {
		parsed = sqlfront.ParseSelective(string(pre))
	}
	if bytes.Contains(f.Src, []byte("grantguard:ignore")) {
		s.comments = sqlComments(string(pre))
	}
	var unparsed []Span
	if len(parsed.Problems) > 0 {
		// No rule sees what does not parse: redact its likely secrets here.
		unparsed = unparsedSecrets(string(pre))
		s.secrets = append(s.secrets, unparsed...)
	}
	if len(parsed.Problems) > 0 && !s.postgres {
		// A file PostgreSQL's parser rejects may be another dialect's: it
		// is then left out whole, without a finding (see check).
		if s.dialect = syntaxDialect(f.Src); s.dialect != "" {
			return
		}
	}
	if r := cat.Lookup(ParseErrorID); r != nil {
		rep := Reporter{rule: r, sink: s}
		for _, p := range parsed.Problems {
			rep.ReportRange(p.Offset, -1, 0, "%s", redactMessage(p.Msg, string(pre), unparsed))
		}
	}
	for _, r := range cat {
		if r.SQL == nil {
			continue
		}
		pass := &SQLPass{Reporter: Reporter{rule: r, sink: s}, File: f, Config: cfg}
		for _, st := range parsed.Stmts {
			r.SQL(pass, st)
		}
	}
	for i := range s.findings {
		s.findings[i].msg = sqlfront.RestoreStandIns(s.findings[i].msg, f.Src, pre, s.findings[i].start)
	}
}

// sqlComments returns the comment spans of preprocessed SQL, or nil when the
// scanner fails (the line heuristic of parseIgnores applies then).
func sqlComments(pre string) []Span {
	res, err := pg_query.Scan(pre)
	if err != nil {
		return nil
	}
	out := []Span{}
	for _, t := range res.Tokens {
		if t.Token == pg_query.Token_SQL_COMMENT || t.Token == pg_query.Token_C_COMMENT {
			out = append(out, Span{int(t.Start), int(t.End)})
		}
	}
	return out
}

// InspectNode is Stmt.Inspect for a part of a parse tree: an expression, a
// view's query.
func InspectNode(n *pg_query.Node, fn func(proto.Message) bool) { sqlfront.InspectNode(n, fn) }
