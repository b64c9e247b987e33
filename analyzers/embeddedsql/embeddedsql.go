// Package embeddedsql defines an analyzer that runs grantguard's SQL rules
// on SQL written in Go: constant strings passed to the query methods of
// database/sql, pgx (pgx.Conn, pgx.Tx, pgxpool.Pool, pgconn) and sqlx —
// Exec, ExecContext, Query, QueryContext, QueryRow, QueryRowContext,
// Prepare and PrepareContext, and sqlx's Must*, Get, Select and *x
// variants — and to methods of the same names on interfaces whose
// signature takes the SQL as a string followed by ...any arguments (the
// DBTX interface sqlc generates).
//
// The SQL is checked with the same front end as a .sql file
// (lint.CheckSQLText); findings point into the Go literal, at the clause
// they are about. A constant declared in the package is followed to its
// declaration, so `db.Exec(createRoles)` reports inside createRoles.
// Without type information, any method call of those names whose SQL
// argument starts with a SQL keyword is checked.
package embeddedsql

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/grantguard/grantguard/analyzers/diag"
	"github.com/grantguard/grantguard/analyzers/internal/gocall"
	"github.com/grantguard/grantguard/analyzers/internal/gostring"
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/rules"
)

// Analyzer runs with the default settings.
var Analyzer = New(&diag.Settings{})

// New returns the analyzer configured by set.
func New(set *diag.Settings) *analysis.Analyzer {
	var metas []*lint.Meta
	for _, r := range set.Cat() {
		if r.SQL != nil {
			metas = append(metas, &r.Meta)
		}
	}
	return &analysis.Analyzer{
		Name:             "embeddedsql",
		Doc:              diag.Doc("embeddedsql: run grantguard's SQL rules on constant SQL passed to database/sql, pgx and sqlx query methods", metas...),
		URL:              lint.DocsBase,
		Requires:         []*analysis.Analyzer{inspect.Analyzer},
		RunDespiteErrors: true,
		Run:              func(pass *analysis.Pass) (any, error) { return nil, run(pass, set) },
	}
}

// queryMethods are the methods whose SQL argument is checked.
var queryMethods = map[string]bool{
	"Exec": true, "ExecContext": true, "Query": true, "QueryContext": true,
	"QueryRow": true, "QueryRowContext": true, "Prepare": true, "PrepareContext": true,
	// sqlx
	"MustExec": true, "MustExecContext": true, "Queryx": true, "QueryxContext": true,
	"QueryRowx": true, "QueryRowxContext": true, "Preparex": true, "PreparexContext": true,
	"Get": true, "GetContext": true, "Select": true, "SelectContext": true,
	"NamedExec": true, "NamedExecContext": true, "NamedQuery": true, "NamedQueryContext": true,
}

// sqlPackages are the packages whose query methods take SQL.
var sqlPackages = []string{
	"database/sql",
	"github.com/jackc/pgx", // v4, v5 and their pgxpool, pgconn
	"github.com/jmoiron/sqlx",
}

func isSQLPackage(path string) bool {
	for _, p := range sqlPackages {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

func run(pass *analysis.Pass, set *diag.Settings) error {
	rep, err := diag.NewReporter(pass, set)
	if err != nil {
		return err
	}
	cfg, cat := rep.Config(), set.Cat()
	resolve := resolver(pass)
	for file, fc := range diag.Files(pass) {
		for c := range fc.Preorder((*ast.CallExpr)(nil)) {
			call := c.Node().(*ast.CallExpr)
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok || !queryMethods[sel.Sel.Name] {
				continue
			}
			f, _ := gocall.Callee(pass.TypesInfo, file, call)
			arg := sqlArg(f, call)
			if arg == nil {
				continue
			}
			v, ok := gostring.Eval(pass.TypesInfo, arg, resolve)
			if !ok || strings.TrimSpace(v.S) == "" {
				continue
			}
			if !f.Typed && !gostring.LooksLikeSQL(v.S) {
				continue
			}
			findings, _ := lint.CheckSQLText(v.S, cfg, cat, false)
			for _, tf := range findings {
				r := cat.Lookup(tf.Rule)
				if r == nil {
					continue
				}
				endOff := tf.End
				if endOff < tf.Start {
					endOff = tf.Start
				}
				pos, end, exact := v.Span(tf.Start, endOff)
				if tf.Rule == rules.HardcodedPassword.ID && !exact {
					end = token.NoPos // the secret is not written here: nothing to mask
				}
				rep.ReportSeverity(&r.Meta, tf.Severity, pos, end, "%s", tf.Message)
			}
		}
	}
	return nil
}

// sqlArg returns the argument of call that holds the SQL, or nil when call
// is not a query method call.
func sqlArg(f gocall.Func, call *ast.CallExpr) ast.Expr {
	if !f.Typed {
		// Receiver unknown: the first argument that is not a context.
		for _, a := range call.Args {
			if id, ok := a.(*ast.Ident); ok && (id.Name == "ctx" || id.Name == "context") {
				continue
			}
			if c, ok := a.(*ast.CallExpr); ok && strings.HasPrefix(types.ExprString(c.Fun), "context.") {
				continue
			}
			return a
		}
		return nil
	}
	if f.Recv == "" && !f.Interface || f.Sig == nil {
		return nil
	}
	if !isSQLPackage(f.Pkg) && !(f.Interface && queryShaped(f.Sig)) {
		return nil
	}
	params := f.Sig.Params()
	idx := -1
	for i := range params.Len() {
		p := params.At(i)
		if f.Sig.Variadic() && i == params.Len()-1 {
			break
		}
		if !isString(p.Type()) {
			continue
		}
		if p.Name() == "query" || p.Name() == "sql" {
			idx = i
			break
		}
		if idx < 0 {
			idx = i
		}
	}
	if idx < 0 || idx >= len(call.Args) {
		return nil
	}
	return call.Args[idx]
}

// queryShaped reports whether a signature takes (string, ...any), after an
// optional context.Context: the shape of database/sql and pgx query
// methods, and of the interfaces code generators declare for them.
func queryShaped(sig *types.Signature) bool {
	ps := sig.Params()
	i := 0
	if ps.Len() > 0 && types.TypeString(ps.At(0).Type(), nil) == "context.Context" {
		i = 1
	}
	if !sig.Variadic() || ps.Len() != i+2 || !isString(ps.At(i).Type()) {
		return false
	}
	sl, ok := ps.At(i + 1).Type().(*types.Slice)
	if !ok {
		return false
	}
	it, ok := sl.Elem().Underlying().(*types.Interface)
	return ok && it.Empty()
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// resolver maps the string constants declared in the package's files to
// their declaring expressions, so that SQL in a named constant is reported
// where it is written.
func resolver(pass *analysis.Pass) gostring.Resolver {
	var decls map[*types.Const]ast.Expr
	return func(c *types.Const) ast.Expr {
		if pass.TypesInfo == nil || c.Pkg() != pass.Pkg {
			return nil
		}
		if decls == nil {
			decls = map[*types.Const]ast.Expr{}
			for _, f := range pass.Files {
				ast.Inspect(f, func(n ast.Node) bool {
					vs, ok := n.(*ast.ValueSpec)
					if !ok {
						return true
					}
					if len(vs.Values) == len(vs.Names) {
						for i, name := range vs.Names {
							if obj, ok := pass.TypesInfo.Defs[name].(*types.Const); ok {
								decls[obj] = vs.Values[i]
							}
						}
					}
					return false
				})
			}
		}
		return decls[c]
	}
}
