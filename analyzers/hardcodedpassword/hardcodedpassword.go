// Package hardcodedpassword defines an analyzer that reports passwords
// written as string literals in Go source.
//
// It reports a non-empty string literal given to a constant, variable,
// struct field, map entry or environment variable whose name says
// password — "password", "passwd", "pwd", or a name ending in one of them
// such as dbPassword, DB_PASSWORD or PGPASSWORD — and the password
// argument of url.UserPassword. It does not report names that only
// mention a password (passwordHint, PasswordFieldName, ErrNoPassword,
// ERRCODE_INVALID_PASSWORD), constants of a named type (enum labels such
// as LoginTypePassword LoginType = "password"), messages (values with
// white space), values that only name a password ("password",
// "password_hash", "sslpassword", the key's own name), names of
// environment variables ("DB_PASSWORD" as a value), templates
// ("${DB_PASSWORD}", "{{ .Pass }}", "<password>") or values read at run
// time (os.Getenv).
//
// The diagnostic covers exactly the literal's characters, so drivers can
// mask them; its message shows only a redacted form.
package hardcodedpassword

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/grantguard/grantguard/analyzers/diag"
	"github.com/grantguard/grantguard/analyzers/internal/gocall"
	"github.com/grantguard/grantguard/analyzers/internal/gostring"
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/conninfo"
	"github.com/grantguard/grantguard/rules"
)

// Analyzer runs with the default settings.
var Analyzer = New(&diag.Settings{})

// New returns the analyzer configured by set.
func New(set *diag.Settings) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "hardcodedpassword",
		Doc: diag.Doc("hardcodedpassword: report string literals given to constants, variables, fields, map entries and environment variables named like a password",
			&rules.HardcodedPassword.Meta),
		URL:              rules.HardcodedPassword.DocURL(),
		Requires:         []*analysis.Analyzer{inspect.Analyzer},
		RunDespiteErrors: true,
		Run:              func(pass *analysis.Pass) (any, error) { return nil, run(pass, set) },
	}
}

var nodeTypes = []ast.Node{
	(*ast.ValueSpec)(nil),
	(*ast.AssignStmt)(nil),
	(*ast.KeyValueExpr)(nil),
	(*ast.CallExpr)(nil),
}

func run(pass *analysis.Pass, set *diag.Settings) error {
	rep, err := diag.NewReporter(pass, set)
	if err != nil {
		return err
	}
	for file, fc := range diag.Files(pass) {
		for c := range fc.Preorder(nodeTypes...) {
			switch n := c.Node().(type) {
			case *ast.ValueSpec:
				decl, _ := c.Parent().Node().(*ast.GenDecl)
				for i, name := range n.Names {
					if i < len(n.Values) && !labelConst(pass, decl, n, name) {
						checkNamed(rep, pass, name.Name, n.Values[i])
					}
				}
			case *ast.AssignStmt:
				if len(n.Lhs) != len(n.Rhs) {
					continue
				}
				for i, lhs := range n.Lhs {
					if name, ok := assignedName(pass, lhs); ok {
						checkNamed(rep, pass, name, n.Rhs[i])
					}
				}
			case *ast.KeyValueExpr:
				if _, inLit := c.Parent().Node().(*ast.CompositeLit); !inLit {
					continue
				}
				if name, ok := keyName(pass, n.Key); ok {
					checkNamed(rep, pass, name, n.Value)
				}
			case *ast.CallExpr:
				checkCall(rep, pass, file, n)
			}
		}
	}
	return nil
}

// assignedName returns the name an assignment stores into: x, s.Field, or
// m["key"].
func assignedName(pass *analysis.Pass, lhs ast.Expr) (string, bool) {
	switch l := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		return l.Name, l.Name != "_"
	case *ast.SelectorExpr:
		return l.Sel.Name, true
	case *ast.IndexExpr:
		return keyName(pass, l.Index)
	}
	return "", false
}

// keyName returns the name of a composite literal key: a struct field, or
// a constant string map key.
func keyName(pass *analysis.Pass, key ast.Expr) (string, bool) {
	if id, ok := key.(*ast.Ident); ok {
		var obj types.Object
		if pass.TypesInfo != nil {
			obj = pass.TypesInfo.Uses[id]
		}
		switch obj := obj.(type) {
		case nil: // no type information: most keys named by an identifier are fields
			return id.Name, true
		case *types.Var:
			if obj.IsField() {
				return id.Name, true
			}
			return "", false // a map key held in a variable
		case *types.Const: // a map key held in a constant: its value is the name
			if v, ok := gostring.Eval(pass.TypesInfo, id, nil); ok {
				return v.S, true
			}
		}
		return "", false
	}
	if v, ok := gostring.Eval(pass.TypesInfo, key, nil); ok {
		return v.S, true
	}
	return "", false
}

func checkCall(rep *diag.Reporter, pass *analysis.Pass, file *ast.File, call *ast.CallExpr) {
	f, ok := gocall.Callee(pass.TypesInfo, file, call)
	if !ok || len(call.Args) != 2 {
		return
	}
	switch {
	case f.Is("net/url", "UserPassword"):
		checkValue(rep, pass, "password", "url.UserPassword is given", call.Args[1])
	case f.Is("os", "Setenv") || f.Is("syscall", "Setenv") || f.Name == "Setenv" && f.Pkg == "testing":
		if v, ok := gostring.Eval(pass.TypesInfo, call.Args[0], nil); ok && IsPasswordName(v.S) {
			checkValue(rep, pass, v.S, "environment variable "+v.S+" is set to", call.Args[1])
		}
	}
}

func checkNamed(rep *diag.Reporter, pass *analysis.Pass, name string, value ast.Expr) {
	if IsPasswordName(name) {
		checkValue(rep, pass, name, name+" is set to", value)
	}
}

// labelConst reports whether name is declared as a constant of a named
// type — type LoginType string; const LoginTypePassword LoginType =
// "password" — which makes it an enum label, not a secret, unless the
// type itself is named like a password or a secret.
func labelConst(pass *analysis.Pass, decl *ast.GenDecl, vs *ast.ValueSpec, name *ast.Ident) bool {
	if decl == nil || decl.Tok != token.CONST {
		return false
	}
	if pass.TypesInfo != nil {
		if obj, ok := pass.TypesInfo.Defs[name].(*types.Const); ok && obj.Type() != types.Typ[types.Invalid] {
			n, named := types.Unalias(obj.Type()).(*types.Named)
			return named && !secretTypeName(n.Obj().Name())
		}
	}
	// Without type information (a type from another package in a file
	// checked alone): the declared type as written.
	switch t := vs.Type.(type) {
	case *ast.Ident:
		return t.Name != "string" && !secretTypeName(t.Name)
	case *ast.SelectorExpr:
		return !secretTypeName(t.Sel.Name)
	}
	return false
}

// secretTypeName reports whether a type's name says its values are
// secrets: Password, DBPasswd, Secret, ClientSecret.
func secretTypeName(name string) bool {
	words := conninfo.NameWords(name)
	return IsPasswordName(name) || len(words) > 0 && words[len(words)-1] == "secret"
}

// checkValue reports value when it is a password written as a literal;
// key is the name it is stored under and what says where it goes
// ("dbPassword is set to").
func checkValue(rep *diag.Reporter, pass *analysis.Pass, key, what string, value ast.Expr) {
	v, ok := gostring.Eval(pass.TypesInfo, value, nil)
	if !ok || !v.Literal() || !literalPassword(key, v.S) {
		return
	}
	pos, end, exact := v.Span(0, len(v.S))
	if !exact {
		end = token.NoPos
	}
	rep.Report(&rules.HardcodedPassword.Meta, pos, end, "%s a literal password (%s); read it from the environment or a secrets manager",
		what, lint.Redact(v.S))
}

// literalPassword reports whether v, stored under key, looks like a
// password rather than a message, an environment variable's name, a
// template or a name such as "password" (see conninfo.NamesPassword).
func literalPassword(key, v string) bool {
	if strings.TrimSpace(v) == "" || conninfo.IsTemplate(v) || conninfo.NamesPassword(key, v) {
		return false
	}
	if conninfo.IsTemplate(strings.TrimPrefix(v, ":")) {
		return false // ":xxxxx", a mask written with the userinfo separator
	}
	if strings.ContainsAny(v, " \t\n") {
		return false // "password must not be empty": a message
	}
	if isEnvName(v) {
		return false
	}
	return true
}

// isEnvName reports whether v is the name of a password environment
// variable ("DB_PASSWORD", "PGPASSWORD"), given as a key to look up.
func isEnvName(v string) bool {
	for _, r := range v {
		if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '_') {
			return false
		}
	}
	return IsPasswordName(v)
}

// IsPasswordName reports whether an identifier, field or key names a
// password: its last word is password, passwd or pwd (a last word ending
// in password or passwd, as in PGPASSWORD, counts too), and it is not an
// error value or code (ErrNoPassword, ERRCODE_INVALID_PASSWORD), the
// name of a condition (InvalidPassword, WrongPassword) or of an action or
// its route (ResetPassword, RouteChangePassword).
func IsPasswordName(name string) bool {
	words := conninfo.NameWords(name)
	if len(words) == 0 {
		return false
	}
	switch words[0] {
	case "err", "error", "errs", "errors", "errcode", "errno":
		return false
	}
	for _, w := range words {
		switch w {
		case "invalid", "wrong", "incorrect", "bad", "missing", "expired", "mismatch", "mismatched",
			"change", "reset", "forgot", "route", "path", "url", "endpoint":
			return false
		}
	}
	last := words[len(words)-1]
	return last == "pwd" || strings.HasSuffix(last, "password") || strings.HasSuffix(last, "passwd")
}
