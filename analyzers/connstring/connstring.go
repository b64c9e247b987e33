// Package connstring defines an analyzer that checks PostgreSQL
// connection strings written in Go string constants.
//
// It looks at every constant string expression — a literal, a
// concatenation of literals and named constants, a fmt format string — and
// finds libpq URLs, key=value strings and JDBC URLs in it with
// lint/conninfo, the parser every grantguard file kind uses. It reports a
// literal password (hardcoded-password), an sslmode that does not verify
// the server (insecure-sslmode) and a connection to a remote host that sets
// no sslmode (missing-sslmode). Strings that are SQL statements are left to
// the embeddedsql analyzer, which runs the SQL rules on them.
package connstring

import (
	"go/ast"
	"go/token"
	"strings"

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
	rep := diag.NewReporter(pass, set)
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
			if seen[e] {
				continue
			}
			seen[e] = true
			v, ok := gostring.Eval(pass.TypesInfo, e, nil)
			if !ok || gostring.LooksLikeSQL(v.S) {
				continue
			}
			s := connString{v: v, text: v.S, where: "connection string"}
			if call, ok := top.Parent().Node().(*ast.CallExpr); ok {
				f, _ := gocall.Callee(pass.TypesInfo, file, call)
				if f.Pkg == "fmt" && isFormatArg(f.Name, call, e) {
					s.text, s.where = maskVerbs(v.S), "fmt."+f.Name+" format string"
				}
				s.driver = driverOf(pass, f, call)
			}
			check(rep, &s)
		}
	}
	return nil
}

func isParen(n ast.Node) bool { _, ok := n.(*ast.ParenExpr); return ok }

// mayHoldConnString is a cheap filter on a literal as written: a URL scheme
// or a key=value pair. A concatenation is evaluated when any of its
// literals passes.
func mayHoldConnString(raw string) bool {
	return strings.Contains(raw, "://") || strings.Contains(raw, "=") || strings.Contains(raw, "jdbc:")
}

type connString struct {
	v      *gostring.Value
	text   string // v.S, with fmt verbs masked for format strings
	where  string // for messages
	driver string // database/sql driver or client, "" when unknown
}

func check(rep *diag.Reporter, s *connString) {
	exempt := rep.Config().ExemptHosts
	for _, m := range conninfo.Find(s.text) {
		in := m.Info
		if in.HasPassword {
			pos, end, exact := s.v.Span(in.PasswordSpan.Start, in.PasswordSpan.End)
			if !exact {
				end = token.NoPos // the password is not written here: nothing to mask
			}
			rep.Report(&rules.HardcodedPassword.Meta, pos, end, "%s holds a literal password (%s); pass it in at run time",
				s.where, lint.Redact(in.Password))
		}
		if in.Exempt(exempt) {
			continue
		}
		switch {
		case in.Weak():
			pos, end, _ := s.v.Span(in.SSLModeSpan.Start, in.SSLModeSpan.End)
			rep.Report(&rules.InsecureSSLMode.Meta, pos, end, "%s sets sslmode=%s, which %s; use sslmode=verify-full",
				s.where, in.SSLMode, sslmodeRisk(in.SSLMode))
		case in.SSLMode == "":
			pos, _, _ := s.v.Span(m.Span.Start, m.Span.Start)
			rep.Report(&rules.MissingSSLMode.Meta, pos, token.NoPos, "%s to %s sets no sslmode; %s; add sslmode=verify-full",
				s.where, hosts(in), conninfo.DefaultSSLModeNote(s.driver))
		}
	}
}

// sslmodeRisk says what a weak sslmode lets through.
func sslmodeRisk(mode string) string {
	switch mode {
	case "disable":
		return "sends the password and data in clear"
	case "allow", "prefer":
		return "falls back to an unencrypted connection without telling anyone"
	case "require", "no-verify":
		return "accepts any certificate, so a machine in the middle can read the traffic"
	case "verify-ca":
		return "does not check that the certificate was issued for this host"
	}
	return "does not verify the server"
}

func hosts(in *conninfo.Info) string {
	var hs []string
	for _, h := range in.Hosts {
		if conninfo.IsTemplate(h) {
			h = "a host filled in at run time"
		}
		hs = append(hs, h)
	}
	if len(hs) == 0 {
		return "the default host"
	}
	return strings.Join(hs, ",")
}

// isFormatArg reports whether e is the format argument of a fmt printf
// function.
func isFormatArg(name string, call *ast.CallExpr, e ast.Expr) bool {
	idx := -1
	switch name {
	case "Sprintf", "Printf", "Errorf":
		idx = 0
	case "Fprintf", "Appendf":
		idx = 1
	}
	return idx >= 0 && idx < len(call.Args) && call.Args[idx] == e
}

// maskVerbs turns every fmt verb of a format string into a "%s" template
// of the same length ("%d" → "%s", "%-10v" → "%sssss"), so that
// conninfo treats the values filled in at run time as templates and spans
// stay offsets into the format string. "%%" is kept.
func maskVerbs(f string) string {
	b := []byte(f)
	for i := 0; i < len(b); i++ {
		if b[i] != '%' {
			continue
		}
		if i+1 < len(b) && b[i+1] == '%' {
			i++
			continue
		}
		j := i + 1
		for j < len(b) && strings.IndexByte("+-# 0123456789.*[]", b[j]) >= 0 {
			j++
		}
		if j < len(b) {
			for k := i + 1; k <= j; k++ {
				b[k] = 's'
			}
		}
		i = j
	}
	return string(b)
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
