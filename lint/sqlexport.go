package lint

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/grantguard/grantguard/lint/sqlfront"
)

// SQLStatement is one statement of a SQL file as the SQL front end parsed
// it, for packages that follow what a migration does (see lint/access).
type SQLStatement struct {
	Stmt *Stmt
	// Offset is the statement's first byte in the file, End the byte
	// after its last.
	Offset, End int
	// InDo is set for a statement nested in a DO block (or in an EXECUTE
	// of one): it runs when the migration runs, unlike a function body.
	InDo bool
}

// SQLParseProblem is a part of a SQL file the parser could not read.
type SQLParseProblem struct {
	Offset  int
	Message string
}

// ParseSQLFile preprocesses and parses src exactly as `grantguard check`
// does, and returns its top-level statements in file order, each followed by
// the statements nested in it when it is a DO block. Statements of function
// bodies are left out: they run when the function is called, not when the
// migration is applied.
func ParseSQLFile(src []byte) ([]SQLStatement, []SQLParseProblem) {
	pre := PreprocessSQL(src)
	return migrationStatements(pre, sqlfront.ParseMigration(string(pre)))
}

// ParseSQLFileForModel is ParseSQLFile without the top-level statements
// that change nothing a model of roles, objects and privileges follows:
// INSERT, UPDATE, DELETE, COPY, CREATE INDEX, COMMENT, maintenance (see
// sqlfront.ParseMigrationForModel). Its parse problems are ParseSQLFile's.
func ParseSQLFileForModel(src []byte) ([]SQLStatement, []SQLParseProblem) {
	pre := PreprocessSQL(src)
	return migrationStatements(pre, sqlfront.ParseMigrationForModel(string(pre)))
}

func migrationStatements(pre []byte, parsed *sqlfront.Parsed) ([]SQLStatement, []SQLParseProblem) {
	var out []SQLStatement
	inDo := false
	for _, s := range parsed.Stmts {
		if s.Depth == 0 {
			_, inDo = s.Node.Node.(*pg_query.Node_DoStmt)
			start, end := s.FileSpan()
			out = append(out, SQLStatement{Stmt: s, Offset: start, End: end})
			continue
		}
		if inDo {
			start, end := s.FileSpan()
			out = append(out, SQLStatement{Stmt: s, Offset: start, End: end, InDo: true})
		}
	}
	probs := make([]SQLParseProblem, 0, len(parsed.Problems))
	var secrets []Span
	if len(parsed.Problems) > 0 {
		secrets = unparsedSecrets(string(pre))
	}
	for _, p := range parsed.Problems {
		// A parser message quotes the text near the error, which may be a
		// password.
		probs = append(probs, SQLParseProblem{Offset: p.Offset, Message: redactMessage(p.Msg, string(pre), secrets)})
	}
	return out, probs
}
