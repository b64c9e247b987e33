package gostring

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
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

// TestPrintf: constant arguments are filled in and mapped to where they
// are written; other verbs become "%s" mapped to the verb.
func TestPrintf(t *testing.T) {
	const src = `package p

import "fmt"

type stringer string

func (stringer) String() string { return "" }

const host = "db.example.com"

func f(x string, n int) {
	_ = fmt.Sprintf("a=%s b=%d c=%v d=%5s e=%q f=%%g=%[1]s h=%s", "lit", 5432, host, "w", "q")
	_ = fmt.Sprintf("i=%v j=%d k=%s", stringer("s"), 'r', x)
	_ = fmt.Sprintf("k=%s l=%s", x)
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.Default()}
	if _, err := conf.Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	var calls []*ast.CallExpr
	ast.Inspect(f, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && len(c.Args) > 1 {
			calls = append(calls, c)
		}
		return true
	})
	cases := []struct {
		want  string
		spans map[string]string // text of the result → source it maps to
	}{
		{`a=lit b=5432 c=db.example.com d=%s e=%s f=%g=lit h=%s`, map[string]string{
			"lit": "lit", "5432": "5432", "db.example.com": "host", "d=%s": "d=%5s", "e=%s": "e=%q",
			"f=%g": "f=%%g", "h=%s": "h=%s",
		}},
		{`i=%s j=114 k=%s`, map[string]string{"i=%s": "i=%v", "114": "'r'", "k=%s": "k=%s"}},
		{`k=%s l=%s`, map[string]string{"k=%s l=%s": "k=%s l=%s"}},
	}
	for k, c := range cases {
		format, ok := Eval(info, calls[k].Args[0], nil)
		if !ok {
			t.Fatalf("call %d: format not constant", k)
		}
		v := Printf(info, format, calls[k].Args[1:])
		if v.S != c.want {
			t.Errorf("call %d: Printf = %q, want %q", k, v.S, c.want)
			continue
		}
		for text, want := range c.spans {
			a := strings.Index(v.S, text)
			pos, end, _ := v.Span(a, a+len(text))
			if got := src[fset.Position(pos).Offset:fset.Position(end).Offset]; got != want {
				t.Errorf("call %d: %q maps to %q, want %q", k, text, got, want)
			}
		}
	}
}

func TestHasVerb(t *testing.T) {
	for f, want := range map[string]bool{
		"host=%q": true, "a=%[2]q": true, "a=%-10q": true, "a=%s b=%d": false, "100%%q": false, "%": false, "a=%": false,
	} {
		if got := HasVerb(f, 'q'); got != want {
			t.Errorf("HasVerb(%q, 'q') = %v, want %v", f, got, want)
		}
	}
}
