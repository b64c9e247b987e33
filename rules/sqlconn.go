package rules

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/proto"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/conninfo"
)

// dblinkFuncs take a connection string (or a connection name) as argument.
var dblinkFuncs = map[string]bool{
	"dblink": true, "dblink_connect": true, "dblink_connect_u": true, "dblink_exec": true,
	"dblink_send_query": true, "dblink_open": true, "dblink_fetch": true,
}

// sqlConn is a connection string written in a SQL statement. Spans of info
// are offsets into lit.Value.
type sqlConn struct {
	lit   lint.Literal
	start int // where the connection string begins in lit.Value
	info  *conninfo.Info
	where string // for messages: "dblink_connect", "string literal"
	// pgbouncer marks a PgBouncer [databases] entry in the text (see
	// conninfo.Match.PgBouncer).
	pgbouncer bool
}

type connStringsKey struct{}

// sqlConnStrings finds the connection strings of a statement: arguments of
// dblink functions (which take a bare libpq string) and connection URLs or
// libpq strings inside any other string constant. Three rules ask; the
// statement is searched once.
func sqlConnStrings(s *lint.Stmt) []sqlConn {
	return s.Memo(connStringsKey{}, func() any { return findConnStrings(s) }).([]sqlConn)
}

func findConnStrings(s *lint.Stmt) []sqlConn {
	var out []sqlConn
	dblinkArgs := map[int32]string{}
	var consts []*pg_query.A_Const
	s.Inspect(func(m proto.Message) bool {
		switch n := m.(type) {
		case *pg_query.FuncCall:
			if name := qualifiedLast(n.Funcname); dblinkFuncs[name] {
				for _, a := range n.Args {
					if c := a.GetAConst(); c != nil && c.GetSval() != nil {
						dblinkArgs[c.Location] = name
					}
				}
			}
		case *pg_query.A_Const:
			if n.GetSval() != nil && n.GetSval().Sval != "" {
				consts = append(consts, n)
			}
		}
		return true
	})
	for _, c := range consts {
		v := c.GetSval().Sval
		lit, ok := s.Literal(c.Location)
		if !ok || lit.Value != v {
			continue
		}
		if fn, ok := dblinkArgs[c.Location]; ok {
			if info, err := conninfo.Parse(v); err == nil && looksLikeConn(info) {
				out = append(out, sqlConn{lit: lit, info: info, where: fn + " connection string"})
			}
			continue
		}
		if !strings.Contains(v, "=") && !strings.Contains(v, "://") {
			continue
		}
		for _, m := range conninfo.Find(v) {
			out = append(out, sqlConn{lit: lit, start: m.Span.Start, info: m.Info, where: "connection string", pgbouncer: m.PgBouncer})
		}
	}
	return out
}

// looksLikeConn tells a libpq string from a dblink connection name: a name
// has no key=value pairs.
func looksLikeConn(i *conninfo.Info) bool { return i.Form == conninfo.URL || len(i.Params) > 0 }

// fdwOption is one OPTIONS (...) entry of a foreign server or user mapping.
type fdwOption struct {
	name, value string
	loc         int32 // the option's location (its name)
}

// fdwOptions returns the options of CREATE/ALTER SERVER and CREATE/ALTER
// USER MAPPING statements, what kind of statement it is, and for CREATE
// SERVER the wrapper's name.
func fdwOptions(n *pg_query.Node) (opts []fdwOption, stmt, wrapper string) {
	var list []*pg_query.Node
	switch {
	case n.GetCreateForeignServerStmt() != nil:
		c := n.GetCreateForeignServerStmt()
		list, stmt, wrapper = c.Options, "CREATE SERVER "+ident(c.Servername), strings.ToLower(c.Fdwname)
	case n.GetAlterForeignServerStmt() != nil:
		a := n.GetAlterForeignServerStmt()
		list, stmt = a.Options, "ALTER SERVER "+ident(a.Servername)
	case n.GetCreateUserMappingStmt() != nil:
		c := n.GetCreateUserMappingStmt()
		list, stmt = c.Options, "CREATE USER MAPPING FOR "+roleSpec(c.User)
	case n.GetAlterUserMappingStmt() != nil:
		a := n.GetAlterUserMappingStmt()
		list, stmt = a.Options, "ALTER USER MAPPING FOR "+roleSpec(a.User)
	default:
		return nil, "", ""
	}
	for _, o := range list {
		d := o.GetDefElem()
		if d == nil || d.Defaction == pg_query.DefElemAction_DEFELEM_DROP {
			continue
		}
		v, _ := defString(d)
		opts = append(opts, fdwOption{name: strings.ToLower(d.Defname), value: v, loc: d.Location})
	}
	return opts, stmt, wrapper
}
