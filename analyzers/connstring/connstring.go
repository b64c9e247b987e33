// Package connstring defines an analyzer that checks PostgreSQL
// connection strings written in Go string constants.
//
// It looks at every constant string expression — a literal, a
// concatenation of literals and named constants — and at what a fmt
// printf call makes of a constant format, with its constant arguments
// filled in and every other verb standing for a value set at run time. The
// text must be a connection string as a whole, once trimmed: a libpq URL,
// key=value string or JDBC URL (read with lint/conninfo, the parser every
// grantguard file kind uses), or an environment entry NAME=value whose
// value is one. Usage lines, flag help and messages that mention a
// connection string among other words are not checked, nor are formats
// that print values with %q (Go quotes, which libpq does not read).
//
// It reports a literal password (hardcoded-password), an sslmode that does
// not verify the server (insecure-sslmode; a warning when the host is set
// at run time, as the connection may stay on the machine) and a
// connection to a remote host that sets no sslmode (missing-sslmode; not
// when a verb where further parameters go may set it, and not for
// PgBouncer [databases] entries). Strings that are SQL statements are left
// to the embeddedsql analyzer, which runs the SQL rules on them.
//
// A weak sslmode written in a string literal comes with a suggested fix
// that sets it to verify-full; one that comes from a named constant or a
// run-time value, or is set through an alias (JDBC's ssl=true), does not.
package connstring

import (
	"go/ast"
	"go/token"
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
		Name: "connstring",
		Doc: diag.Doc("connstring: check PostgreSQL connection strings in Go constants for a literal password, a weak sslmode or a missing sslmode",
			&rules.HardcodedPassword.Meta, &rules.InsecureSSLMode.Meta, &rules.MissingSSLMode.Meta),
		URL:              rules.InsecureSSLMode.DocURL(),
		Requires:         []*analysis.Analyzer{inspect.Analyzer},
		RunDespiteErrors: true,
		Run:              func(pass *analysis.Pass) (any, error) { return nil, run(pass, set) },
	}
}

func run(pass *analysis.Pass, set *diag.Settings) error {
	rep, err := diag.NewReporter(pass, set)
	if err != nil {
		return err
	}
	seen := map[ast.Expr]bool{}
	for file, fc := range diag.Files(pass) {
		for c := range fc.Preorder((*ast.BasicLit)(nil)) {
			lit := c.Node().(*ast.BasicLit)
			if lit.Kind != token.STRING || !mayHoldConnString(lit.Value) {
				continue
			}
			switch c.Parent().Node().(type) {
			case *ast.ImportSpec, *ast.Field: // import paths, struct tags
				continue
			}
			// Climb to the whole constant expression: "postgres://u:" + pw + "@h/db".
			top := c
			for {
				p := top.Parent()
				if b, ok := p.Node().(*ast.BinaryExpr); ok && b.Op == token.ADD || isParen(p.Node()) {
					top = p
					continue
				}
				break
			}
			e := top.Node().(ast.Expr)
			s := connString{where: "connection string"}
			call, _ := top.Parent().Node().(*ast.CallExpr)
			if call != nil {
				f, _ := gocall.Callee(pass.TypesInfo, file, call)
				s.driver = driverOf(pass, f, call)
				if k := formatIndex(f, call); k >= 0 {
					where := "fmt." + f.Name + " format string"
					if call.Args[k] == e {
						s.where = where
						if s.v = printed(pass, call, k); s.v == nil {
							continue
						}
					} else if pv := printed(pass, call, k); pv != nil {
						if _, ok := whole(pv.S); ok {
							// An argument of a connection string format is
							// checked in what the call prints.
							e, s.v, s.where = call.Args[k], pv, where
						}
					}
				}
			}
			if seen[e] {
				continue
			}
			seen[e] = true
			if s.v == nil {
				v, ok := gostring.Eval(pass.TypesInfo, e, nil)
				if !ok {
					continue
				}
				s.v = v
			}
			if gostring.LooksLikeSQL(s.v.S) {
				continue
			}
			check(rep, &s)
		}
	}
	return nil
}

func isParen(n ast.Node) bool { _, ok := n.(*ast.ParenExpr); return ok }

// printed returns what the printf call prints with its constant format
// Args[k] (see gostring.Printf), or nil when the format is not constant or
// prints values with %q: Go quotes ("host=%q") are for people to read;
// libpq quotes with ' and would take the " as part of the value.
func printed(pass *analysis.Pass, call *ast.CallExpr, k int) *gostring.Value {
	format, ok := gostring.Eval(pass.TypesInfo, call.Args[k], nil)
	if !ok || gostring.HasVerb(format.S, 'q') {
		return nil
	}
	var args []ast.Expr
	if !call.Ellipsis.IsValid() {
		args = call.Args[k+1:]
	}
	return gostring.Printf(pass.TypesInfo, format, args)
}

// mayHoldConnString is a cheap filter on a literal as written: a URL scheme
// or a key=value pair. A concatenation is evaluated when any of its
// literals passes.
func mayHoldConnString(raw string) bool {
	return strings.Contains(raw, "://") || strings.Contains(raw, "=") || strings.Contains(raw, "jdbc:")
}

type connString struct {
	// v is the constant, or for a fmt format string the text the call
	// prints, with constant arguments filled in and the other verbs as
	// templates.
	v      *gostring.Value
	where  string // for messages
	driver string // database/sql driver or client, "" when unknown
}

func check(rep *diag.Reporter, s *connString) {
	m, ok := whole(s.v.S)
	if !ok {
		return
	}
	in := m.Info
	if in.HasPassword {
		pos, end, exact := s.v.Span(in.PasswordSpan.Start, in.PasswordSpan.End)
		if !exact {
			end = token.NoPos // the password is not written here: nothing to mask
		}
		rep.Report(&rules.HardcodedPassword.Meta, pos, end, "%s holds a literal password (%s); pass it in at run time",
			s.where, lint.Redact(in.Password))
	}
	exempt := rep.Config().ExemptHosts
	if in.Exempt(exempt) {
		return
	}
	switch {
	case in.Weak():
		pos, end, exact := s.v.Span(in.SSLModeSpan.Start, in.SSLModeSpan.End)
		runTime := in.HostSetAtRunTime(exempt)
		sev := lint.Severity(0)
		if runTime {
			sev = lint.Warning // the host may be local: nothing is known to cross a network
		}
		var fixes []analysis.SuggestedFix
		if exact && setBySSLMode(s.v.S, in.SSLModeSpan.Start) {
			fixes = []analysis.SuggestedFix{{
				Message:   "Set sslmode=verify-full (the client then needs the server's CA certificate: sslrootcert)",
				TextEdits: []analysis.TextEdit{{Pos: pos, End: end, NewText: []byte("verify-full")}},
			}}
		}
		rep.ReportFix(&rules.InsecureSSLMode.Meta, sev, pos, end, fixes, "%s",
			rules.WeakSSLModeMessage(s.where, in.SSLMode, runTime))
	case in.SSLMode == "" && !m.PgBouncer:
		pos, _, _ := s.v.Span(m.Span.Start, m.Span.Start)
		rep.Report(&rules.MissingSSLMode.Meta, pos, token.NoPos, "%s to %s sets no sslmode; %s; add sslmode=verify-full",
			s.where, in.HostList(), conninfo.DefaultSSLModeNote(s.driver))
	}
}

// setBySSLMode reports whether the value at offset at of s is that of an
// sslmode parameter (sslmode=require, sslmode = 'prefer'), not of an
// alias such as JDBC's ssl=true, whose value verify-full would not be.
func setBySSLMode(s string, at int) bool {
	before := strings.TrimRight(s[:at], " \t'")
	before, ok := strings.CutSuffix(before, "=")
	if !ok {
		return false
	}
	before = strings.TrimRight(before, " \t")
	return len(before) >= len("sslmode") && strings.EqualFold(before[len(before)-len("sslmode"):], "sslmode")
}

// whole returns the connection string that text is, once trimmed: a URL
// or a libpq key=value string from its first byte to its last, or an
// environment entry NAME=value whose value is one. Text with anything else
// around the connection string — a usage line, a flag's help, an error
// message — is prose that mentions one, not one.
func whole(text string) (conninfo.Match, bool) {
	lo, hi := len(text)-len(strings.TrimLeftFunc(text, unicode.IsSpace)), len(strings.TrimRightFunc(text, unicode.IsSpace))
	if lo >= hi {
		return conninfo.Match{}, false
	}
	start := lo
	if k := envNameLen(text[lo:hi]); k > 0 {
		start = lo + k + 1
	}
	for _, m := range conninfo.Find(text) {
		if m.Span.Start == start && m.Span.End == hi {
			return m, true
		}
	}
	return conninfo.Match{}, false
}

// envNameLen returns the length of NAME in an environment entry "NAME=...",
// NAME in capitals, digits and "_" (DATABASE_URL=postgres://...), or 0.
func envNameLen(s string) int {
	k := 0
	for k < len(s) && (s[k] >= 'A' && s[k] <= 'Z' || s[k] == '_' || k > 0 && s[k] >= '0' && s[k] <= '9') {
		k++
	}
	if k == 0 || k >= len(s) || s[k] != '=' {
		return 0
	}
	return k
}

// formatIndex returns the index of the format argument of a fmt printf
// function, or -1.
func formatIndex(f gocall.Func, call *ast.CallExpr) int {
	if f.Pkg != "fmt" {
		return -1
	}
	k := -1
	switch f.Name {
	case "Sprintf", "Printf", "Errorf":
		k = 0
	case "Fprintf", "Appendf":
		k = 1
	}
	if k >= len(call.Args) {
		return -1
	}
	return k
}

// driverOf names the client a connection string is given to, for the
// note on its default sslmode: the database/sql driver name of sql.Open,
// or pgx and lib/pq by package.
func driverOf(pass *analysis.Pass, f gocall.Func, call *ast.CallExpr) string {
	switch {
	case f.Pkg == "database/sql" && f.Name == "Open" && len(call.Args) == 2:
		if v, ok := gostring.Eval(pass.TypesInfo, call.Args[0], nil); ok {
			return v.S
		}
	case strings.HasPrefix(f.Pkg, "github.com/jackc/pgx"):
		return "pgx"
	case f.Pkg == "github.com/lib/pq":
		return "lib/pq"
	}
	return ""
}
