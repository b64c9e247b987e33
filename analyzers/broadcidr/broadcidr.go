// Package broadcidr defines an analyzer that reports network allowlists in
// Go source that admit too many addresses.
//
// It checks constant strings given to net.ParseCIDR, netip.ParsePrefix and
// netip.MustParsePrefix, and the elements of string slices and arrays whose
// variable, constant or field name says allowlist (allowedCIDRs,
// trustedNetworks, ipWhitelist, ...). The limits are those of the
// broad-cidr rule: /0 is an error; a public IPv4 range wider than /24, a
// public IPv6 range wider than /48 or a private range wider than
// 10.0.0.0/8 is a warning; [network] in .grantguard.toml changes them.
// Strings that are not CIDRs or addresses are ignored.
package broadcidr

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/grantguard/grantguard/analyzers/diag"
	"github.com/grantguard/grantguard/analyzers/internal/gocall"
	"github.com/grantguard/grantguard/analyzers/internal/gostring"
	"github.com/grantguard/grantguard/rules"
)

// Analyzer runs with the default settings.
var Analyzer = New(&diag.Settings{})

// New returns the analyzer configured by set.
func New(set *diag.Settings) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:             "broadcidr",
		Doc:              diag.Doc("broadcidr: report allowlist CIDRs that admit too many addresses", &rules.BroadCIDR.Meta),
		URL:              rules.BroadCIDR.DocURL(),
		Requires:         []*analysis.Analyzer{inspect.Analyzer},
		RunDespiteErrors: true,
		Run:              func(pass *analysis.Pass) (any, error) { return nil, run(pass, set) },
	}
}

// parsers take a CIDR string as their first argument.
var parsers = []struct{ pkg, name string }{
	{"net", "ParseCIDR"},
	{"net/netip", "ParsePrefix"},
	{"net/netip", "MustParsePrefix"},
}

func run(pass *analysis.Pass, set *diag.Settings) error {
	rep, err := diag.NewReporter(pass, set)
	if err != nil {
		return err
	}
	for file, fc := range diag.Files(pass) {
		for c := range fc.Preorder((*ast.CallExpr)(nil), (*ast.ValueSpec)(nil), (*ast.AssignStmt)(nil), (*ast.KeyValueExpr)(nil)) {
			switch n := c.Node().(type) {
			case *ast.CallExpr:
				checkCall(rep, pass, file, n)
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if i < len(n.Values) && rules.AllowlistName(name.Name) {
						checkList(rep, pass, n.Values[i], name.Name)
					}
				}
			case *ast.AssignStmt:
				if len(n.Lhs) != len(n.Rhs) {
					continue
				}
				for i, lhs := range n.Lhs {
					if name := exprName(lhs); name != "" && rules.AllowlistName(name) {
						checkList(rep, pass, n.Rhs[i], name)
					}
				}
			case *ast.KeyValueExpr:
				if key, ok := n.Key.(*ast.Ident); ok && rules.AllowlistName(key.Name) {
					checkList(rep, pass, n.Value, key.Name)
				}
			}
		}
	}
	return nil
}

// exprName names the target of an assignment: x or s.x.
func exprName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	}
	return ""
}

func checkCall(rep *diag.Reporter, pass *analysis.Pass, file *ast.File, call *ast.CallExpr) {
	if len(call.Args) == 0 {
		return
	}
	f, ok := gocall.Callee(pass.TypesInfo, file, call)
	if !ok {
		return
	}
	for _, p := range parsers {
		if f.Is(p.pkg, p.name) {
			checkString(rep, pass, call.Args[0], p.name)
			return
		}
	}
}

// checkList checks the string elements of a slice or array literal.
func checkList(rep *diag.Reporter, pass *analysis.Pass, e ast.Expr, name string) {
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok || !stringList(pass, lit) {
		return
	}
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok { // [...]string{0: "x"}
			el = kv.Value
		}
		checkString(rep, pass, el, name)
	}
}

// stringList reports whether lit is a []string or [N]string literal; with
// no type information, the syntax decides.
func stringList(pass *analysis.Pass, lit *ast.CompositeLit) bool {
	if pass.TypesInfo != nil {
		if t := pass.TypesInfo.TypeOf(lit); t != nil {
			var elem types.Type
			switch u := t.Underlying().(type) {
			case *types.Slice:
				elem = u.Elem()
			case *types.Array:
				elem = u.Elem()
			default:
				return false
			}
			b, ok := elem.Underlying().(*types.Basic)
			return ok && b.Info()&types.IsString != 0
		}
	}
	var elt ast.Expr
	switch t := lit.Type.(type) {
	case *ast.ArrayType:
		elt = t.Elt
	default:
		return false
	}
	id, ok := elt.(*ast.Ident)
	return ok && id.Name == "string"
}

func checkString(rep *diag.Reporter, pass *analysis.Pass, e ast.Expr, where string) {
	v, ok := gostring.Eval(pass.TypesInfo, e, nil)
	if !ok {
		return
	}
	prefix, ok := rules.ParseCIDR(v.S)
	if !ok {
		return
	}
	sev, msg, bad := rules.CIDRProblem(prefix, rep.Config())
	if !bad {
		return
	}
	pos, end, _ := v.Span(0, len(v.S))
	if pos == token.NoPos {
		pos, end = e.Pos(), e.End()
	}
	rep.ReportSeverity(&rules.BroadCIDR.Meta, sev, pos, end, "%s: %s", where, msg)
}
