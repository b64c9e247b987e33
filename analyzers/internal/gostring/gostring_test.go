package gostring

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

// TestLiteralUnterminated: a literal the parser recovered without its
// closing quote keeps every byte, so a secret span covers all of it.
func TestLiteralUnterminated(t *testing.T) {
	for src, want := range map[string]string{
		"package p\nconst a = \"gosecret123\n": "gosecret123",
		"package p\nconst a = \"closed\"\n":    "closed",
		"package p\nconst a = `raw`\n":         "raw",
	} {
		fset := token.NewFileSet()
		f, _ := parser.ParseFile(fset, "a.go", src, parser.AllErrors)
		var lit *ast.BasicLit
		ast.Inspect(f, func(n ast.Node) bool {
			if l, ok := n.(*ast.BasicLit); ok {
				lit = l
			}
			return lit == nil
		})
		if lit == nil {
			t.Fatalf("%q: no literal", src)
		}
		v, ok := Literal(lit)
		if !ok || v.S != want {
			t.Errorf("%q: Literal = %v, %v; want %q", src, v, ok, want)
			continue
		}
		pos, end, exact := v.Span(0, len(v.S))
		if got := src[fset.Position(pos).Offset:fset.Position(end).Offset]; !exact || got != want {
			t.Errorf("%q: Span covers %q, want %q", src, got, want)
		}
	}
}
