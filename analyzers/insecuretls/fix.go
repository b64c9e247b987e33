package insecuretls

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// The fix removes InsecureSkipVerify where the configuration already names
// the certificate authorities to trust (RootCAs): the default verification
// then checks the server against them, which is what the configuration
// was written for. Without RootCAs, removing the field can break a
// connection to a server with a private CA, so no fix is offered.

const fixMessage = "Remove InsecureSkipVerify: RootCAs is set, so the server's certificate can be verified"

// hasRootCAs reports whether lit sets RootCAs to something other than nil.
func hasRootCAs(lit *ast.CompositeLit) bool {
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "RootCAs" && !isNil(kv.Value) {
				return true
			}
		}
	}
	return false
}

// rootCAsAssigned reports whether the function around c gives x a RootCAs:
// by assigning x.RootCAs, or by initializing x from a tls.Config literal
// that sets it.
func rootCAsAssigned(c inspector.Cursor, x ast.Expr) bool {
	want := types.ExprString(x)
	for fn := range c.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		for a := range fn.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
			var lhs, rhs []ast.Expr
			switch n := a.Node().(type) {
			case *ast.AssignStmt:
				lhs, rhs = n.Lhs, n.Rhs
			case *ast.ValueSpec:
				for _, id := range n.Names {
					lhs = append(lhs, id)
				}
				rhs = n.Values
			}
			if len(lhs) != len(rhs) {
				continue
			}
			for i, l := range lhs {
				l = ast.Unparen(l)
				if sel, ok := l.(*ast.SelectorExpr); ok && sel.Sel.Name == "RootCAs" && types.ExprString(sel.X) == want && !isNil(rhs[i]) {
					return true
				}
				if types.ExprString(l) == want && literalWithRootCAs(rhs[i]) {
					return true
				}
			}
		}
		return false
	}
	return false
}

func literalWithRootCAs(e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	return ok && hasRootCAs(lit)
}

// source returns the text of the file holding pos and its token.File, or
// nil when the driver cannot read it.
func source(pass *analysis.Pass, pos token.Pos) ([]byte, *token.File) {
	tf := pass.Fset.File(pos)
	if tf == nil || pass.ReadFile == nil {
		return nil, nil
	}
	src, err := pass.ReadFile(tf.Name())
	if err != nil || len(src) != tf.Size() {
		return nil, nil
	}
	return src, tf
}

// wholeLines returns the range of the lines [pos, end) lies on, from the
// start of its first line to the start of the line after it, when nothing
// but white space, a comma and a line comment share those lines with it.
func wholeLines(src []byte, tf *token.File, pos, end token.Pos) (token.Pos, token.Pos, bool) {
	start := tf.LineStart(tf.Line(pos))
	for _, b := range src[tf.Offset(start):tf.Offset(pos)] {
		if b != ' ' && b != '\t' {
			return 0, 0, false
		}
	}
	i := tf.Offset(end)
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if i < len(src) && src[i] == ',' {
		i++
	}
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if i+1 < len(src) && src[i] == '/' && src[i+1] == '/' {
		for i < len(src) && src[i] != '\n' {
			i++
		}
	}
	if i < len(src) && src[i] == '\r' {
		i++
	}
	if i >= len(src) || src[i] != '\n' {
		return 0, 0, false
	}
	return start, tf.Pos(i + 1), true
}

// removeElement is the fix deleting el from lit: its whole line when it
// has one to itself, otherwise el and the separator between it and its
// neighbour.
func removeElement(pass *analysis.Pass, lit *ast.CompositeLit, el ast.Expr) []analysis.SuggestedFix {
	src, tf := source(pass, el.Pos())
	if src == nil {
		return nil
	}
	if from, to, ok := wholeLines(src, tf, el.Pos(), el.End()); ok {
		return deletion(from, to)
	}
	for i, e := range lit.Elts {
		if e != el {
			continue
		}
		switch {
		case i+1 < len(lit.Elts) && tf.Line(lit.Elts[i+1].Pos()) == tf.Line(el.End()):
			return deletion(el.Pos(), lit.Elts[i+1].Pos())
		case i > 0 && tf.Line(lit.Elts[i-1].End()) == tf.Line(el.Pos()):
			return deletion(lit.Elts[i-1].End(), el.End())
		}
	}
	return nil
}

// removeStatement is the fix deleting the statement s, when it has its
// lines to itself.
func removeStatement(pass *analysis.Pass, s ast.Stmt) []analysis.SuggestedFix {
	src, tf := source(pass, s.Pos())
	if src == nil {
		return nil
	}
	from, to, ok := wholeLines(src, tf, s.Pos(), s.End())
	if !ok {
		return nil
	}
	return deletion(from, to)
}

func deletion(from, to token.Pos) []analysis.SuggestedFix {
	return []analysis.SuggestedFix{{Message: fixMessage, TextEdits: []analysis.TextEdit{{Pos: from, End: to}}}}
}
