// Package insecuretls defines an analyzer that reports crypto/tls
// configurations that skip verifying the server's certificate.
//
// It reports InsecureSkipVerify set to true — in a tls.Config composite
// literal, or by an assignment to the field — where the type is checked to
// be crypto/tls.Config, so a lookalike field of another type is not
// reported. A literal that also sets VerifyPeerCertificate or
// VerifyConnection checks the certificate its own way and is not reported;
// neither is an assignment in a function that also assigns one of those
// to the same configuration, nor a line that gosec's #nosec (alone or
// naming G402) already marks as reviewed, nor an assignment in a function
// that verifies the certificate itself with (*x509.Certificate).Verify. Without type information (a directory outside
// any module, a package with type errors) the literal's type must be
// spelled tls.Config with "crypto/tls" imported under that name.
//
// Where the configuration also sets RootCAs (in the literal, or in the
// same function for an assignment), the report carries a suggested fix
// that removes InsecureSkipVerify: the certificate authorities to verify
// against are already there.
package insecuretls

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/grantguard/grantguard/analyzers/diag"
	"github.com/grantguard/grantguard/analyzers/internal/gocall"
	"github.com/grantguard/grantguard/rules"
)

// Analyzer runs with the default settings.
var Analyzer = New(&diag.Settings{})

// New returns the analyzer configured by set.
func New(set *diag.Settings) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:             "insecuretls",
		Doc:              diag.Doc("insecuretls: report tls.Config values with InsecureSkipVerify set to true", &rules.TLSInsecureSkipVerify.Meta),
		URL:              rules.TLSInsecureSkipVerify.DocURL(),
		Requires:         []*analysis.Analyzer{inspect.Analyzer},
		RunDespiteErrors: true,
		Run:              func(pass *analysis.Pass) (any, error) { return nil, run(pass, set) },
	}
}

const field = "InsecureSkipVerify"

// verifiers are the fields through which a program checks the certificate
// itself; with one of them set, skipping the default check is deliberate.
var verifiers = map[string]bool{"VerifyPeerCertificate": true, "VerifyConnection": true}

func run(pass *analysis.Pass, set *diag.Settings) error {
	rep, err := diag.NewReporter(pass, set)
	if err != nil {
		return err
	}
	for file, fc := range diag.Files(pass) {
		for c := range fc.Preorder((*ast.CompositeLit)(nil), (*ast.AssignStmt)(nil)) {
			switch n := c.Node().(type) {
			case *ast.CompositeLit:
				checkLiteral(rep, pass, file, n)
			case *ast.AssignStmt:
				checkAssign(rep, pass, file, c, n)
			}
		}
	}
	return nil
}

func checkLiteral(rep *diag.Reporter, pass *analysis.Pass, file *ast.File, lit *ast.CompositeLit) {
	var skip *ast.KeyValueExpr
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		switch {
		case key.Name == field && isTrue(pass, kv.Value):
			skip = kv
		case verifiers[key.Name] && !isNil(kv.Value):
			return
		}
	}
	if skip == nil || !isTLSConfig(pass, file, lit) || nosec(pass, file, skip.Pos()) {
		return
	}
	var fixes []analysis.SuggestedFix
	if hasRootCAs(lit) {
		fixes = removeElement(pass, lit, skip)
	}
	rep.ReportFix(&rules.TLSInsecureSkipVerify.Meta, 0, skip.Pos(), skip.End(), fixes,
		"tls.Config sets InsecureSkipVerify: true, so the server's certificate and host name are not checked; set RootCAs and ServerName instead")
}

func checkAssign(rep *diag.Reporter, pass *analysis.Pass, file *ast.File, c inspector.Cursor, as *ast.AssignStmt) {
	if len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, lhs := range as.Lhs {
		sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != field || !isTrue(pass, as.Rhs[i]) || !isTLSField(pass, file, sel) {
			continue
		}
		if verifiedElsewhere(c, sel.X) || verifiesItself(pass, c) || nosec(pass, file, as.Pos()) {
			continue
		}
		var fixes []analysis.SuggestedFix
		if len(as.Lhs) == 1 && rootCAsAssigned(c, sel.X) {
			fixes = removeStatement(pass, as)
		}
		rep.ReportFix(&rules.TLSInsecureSkipVerify.Meta, 0, as.Pos(), as.End(), fixes,
			"InsecureSkipVerify = true turns off checking the server's certificate and host name; set RootCAs and ServerName instead")
	}
}

// verifiedElsewhere reports whether the function around c also assigns
// VerifyPeerCertificate or VerifyConnection on the same expression.
func verifiedElsewhere(c inspector.Cursor, x ast.Expr) bool {
	want := types.ExprString(x)
	for fn := range c.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		for a := range fn.Preorder((*ast.AssignStmt)(nil)) {
			for _, lhs := range a.Node().(*ast.AssignStmt).Lhs {
				if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && verifiers[sel.Sel.Name] && types.ExprString(sel.X) == want {
					return true
				}
			}
		}
		return false
	}
	return false
}

// nosecRE is gosec's suppression comment for this check: #nosec alone, or
// naming G402 (TLS InsecureSkipVerify set true).
var nosecRE = regexp.MustCompile(`#nosec(?:\s*$|\s+(?:[A-Z]\d+[\s,]+)*G402\b|\s+--|\s*//)`)

// nosec reports whether the line of pos, or the line above it, carries
// gosec's #nosec for G402: a decision already reviewed for gosec is not
// asked for again.
func nosec(pass *analysis.Pass, file *ast.File, pos token.Pos) bool {
	line := pass.Fset.Position(pos).Line
	for _, cg := range file.Comments {
		for _, c := range cg.List {
			if l := pass.Fset.Position(c.Slash).Line; (l == line || l == line-1) && nosecRE.MatchString(c.Text) {
				return true
			}
		}
	}
	return false
}

// verifiesItself reports whether the function around c checks a server
// certificate itself, with (*x509.Certificate).Verify or VerifyHostname:
// a driver that implements sslmode=verify-ca turns the default check off
// and verifies the chain on its own.
func verifiesItself(pass *analysis.Pass, c inspector.Cursor) bool {
	if pass.TypesInfo == nil {
		return false
	}
	for fn := range c.Enclosing((*ast.FuncDecl)(nil)) {
		for call := range fn.Preorder((*ast.CallExpr)(nil)) {
			sel, ok := ast.Unparen(call.Node().(*ast.CallExpr).Fun).(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Verify" && sel.Sel.Name != "VerifyHostname" {
				continue
			}
			if t := pass.TypesInfo.TypeOf(sel.X); t != nil && types.TypeString(t, nil) == "*crypto/x509.Certificate" {
				return true
			}
		}
		return false
	}
	return false
}

func isTrue(pass *analysis.Pass, e ast.Expr) bool {
	if pass.TypesInfo != nil {
		if tv, ok := pass.TypesInfo.Types[e]; ok && tv.Value != nil {
			return tv.Value.Kind() == constant.Bool && constant.BoolVal(tv.Value)
		}
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "true"
}

func isNil(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "nil"
}

// isTLSConfig reports whether lit is a crypto/tls.Config.
func isTLSConfig(pass *analysis.Pass, file *ast.File, lit *ast.CompositeLit) bool {
	if pass.TypesInfo != nil {
		if tv, ok := pass.TypesInfo.Types[lit]; ok && tv.Type != nil && tv.Type != types.Typ[types.Invalid] {
			return isTLSConfigType(tv.Type)
		}
	}
	return spelledTLSConfig(file, lit.Type)
}

// isTLSField reports whether sel selects the field of a crypto/tls.Config.
func isTLSField(pass *analysis.Pass, file *ast.File, sel *ast.SelectorExpr) bool {
	if pass.TypesInfo != nil {
		if s, ok := pass.TypesInfo.Selections[sel]; ok {
			return s.Kind() == types.FieldVal && isTLSConfigType(s.Recv())
		}
		if tv, ok := pass.TypesInfo.Types[sel.X]; ok && tv.Type != nil && tv.Type != types.Typ[types.Invalid] {
			return isTLSConfigType(tv.Type)
		}
	}
	// No type information: only when the file imports crypto/tls at all.
	for _, imp := range file.Imports {
		if imp.Path.Value == `"crypto/tls"` {
			return true
		}
	}
	return false
}

func isTLSConfigType(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == "Config" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "crypto/tls"
}

// spelledTLSConfig reports whether a type expression is tls.Config with
// crypto/tls imported as tls (or under the name used).
func spelledTLSConfig(file *ast.File, t ast.Expr) bool {
	if st, ok := t.(*ast.StarExpr); ok {
		t = st.X
	}
	sel, ok := t.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Config" {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && gocall.ImportPath(file, x.Name) == "crypto/tls"
}
