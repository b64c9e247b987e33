package rules

import (
	"fmt"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/proto"

	"github.com/grantguard/grantguard/lint"
)

// sqlSetting is a server setting given a value in SQL: ALTER SYSTEM SET,
// ALTER ROLE/DATABASE ... SET, SET [LOCAL], a function's SET clause, or
// set_config().
type sqlSetting struct {
	// where says how it is set: "ALTER SYSTEM SET", "ALTER ROLE etl SET",
	// "ALTER DATABASE app SET", "SET", "function SET" or "set_config".
	where string
	// name is the setting's name as the parser gives it (lower case
	// unless quoted).
	name string
	// value is the single value, as text.
	value string
	// loc is the value's offset in the statement's source.
	loc int32
}

// session reports whether the setting lasts only for a session or a
// transaction (SET, a function's SET clause, set_config) rather than
// being stored for the server, a role or a database.
func (a sqlSetting) session() bool {
	return a.where == "SET" || a.where == "function SET" || a.where == "set_config"
}

// String renders the setting as messages quote it:
// "ALTER SYSTEM SET pgaudit.log = 'none'", "set_config('pgaudit.log', 'none')".
func (a sqlSetting) String() string {
	if a.where == "set_config" {
		return fmt.Sprintf("set_config('%s', '%s')", a.name, a.value)
	}
	return fmt.Sprintf("%s %s = '%s'", a.where, a.name, a.value)
}

// sqlSettingsKey memoizes sqlSettings on a statement: the rules that
// judge settings share one walk of its tree.
type sqlSettingsKey struct{}

// sqlSettings returns every setting the statement gives a single constant
// value.
func sqlSettings(s *lint.Stmt) []sqlSetting {
	return s.Memo(sqlSettingsKey{}, func() any { return findSQLSettings(s) }).([]sqlSetting)
}

func findSQLSettings(s *lint.Stmt) []sqlSetting {
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
	var out []sqlSetting
	s.Inspect(func(m proto.Message) bool {
		switch n := m.(type) {
		case *pg_query.VariableSetStmt:
			if v, loc, ok := setValue(n); ok {
				out = append(out, sqlSetting{where: where, name: n.Name, value: v, loc: loc})
			}
		case *pg_query.FuncCall:
			// set_config(name, value, is_local)
			if qualifiedLast(n.Funcname) != "set_config" || len(n.Args) < 2 {
				return true
			}
			name, _, ok1 := constString(n.Args[0])
			v, loc, ok2 := constString(n.Args[1])
			if ok1 && ok2 {
				out = append(out, sqlSetting{where: "set_config", name: strings.ToLower(strings.TrimSpace(name)), value: v, loc: loc})
			}
		}
		return true
	})
	return out
}

// qualifiedLast returns the last part of a qualified name, lower-cased.
func qualifiedLast(ns []*pg_query.Node) string {
	if len(ns) == 0 {
		return ""
	}
	return strings.ToLower(ns[len(ns)-1].GetString_().GetSval())
}
