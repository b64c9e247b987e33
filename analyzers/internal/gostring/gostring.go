// Package gostring evaluates Go constant string expressions — literals,
// concatenations, named constants — and maps every byte of the value back
// to where it is written in the source, so that a finding inside a
// connection string or a SQL statement points at the exact characters.
package gostring

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxLen is the longest value Eval builds. Longer constants (embedded
// assets, generated tables) are not connection strings or migrations a
// person wrote, and mapping them would cost memory for nothing.
const MaxLen = 1 << 20

// Value is a constant string and where its bytes come from.
type Value struct {
	S     string
	parts []part
}

// part is a run of the value that comes from one expression.
type part struct {
	off, n int
	lit    *ast.BasicLit // non-nil: bytes map exactly through src
	src    []int         // lit only: offset in lit.Value of value byte i; len n+1
	node   ast.Expr      // otherwise: the expression that gives these bytes
}

// Resolver returns the expression a named constant is declared with, or
// nil when it is not known (declared in another package, or iota-based).
type Resolver func(*types.Const) ast.Expr

// Eval evaluates e as a constant string. info may be nil or incomplete (a
// package without type information): literals and concatenations of
// literals are evaluated from the syntax alone. Named constants are
// evaluated through resolve when it knows them, else they are one opaque
// part positioned at the name.
func Eval(info *types.Info, e ast.Expr, resolve Resolver) (*Value, bool) {
	return eval(info, e, resolve, 0)
}

func eval(info *types.Info, e ast.Expr, resolve Resolver, depth int) (*Value, bool) {
	if depth > 50 {
		return nil, false
	}
	switch e := e.(type) {
	case *ast.BasicLit:
		return Literal(e)
	case *ast.ParenExpr:
		return eval(info, e.X, resolve, depth+1)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return nil, false
		}
		x, ok := eval(info, e.X, resolve, depth+1)
		if !ok {
			return opaque(info, e)
		}
		y, ok := eval(info, e.Y, resolve, depth+1)
		if !ok || len(x.S)+len(y.S) > MaxLen {
			return opaque(info, e)
		}
		v := &Value{S: x.S + y.S, parts: x.parts}
		for _, p := range y.parts {
			p.off += len(x.S)
			v.parts = append(v.parts, p)
		}
		return v, true
	case *ast.Ident:
		if resolve != nil && info != nil {
			if c, ok := info.Uses[e].(*types.Const); ok {
				if d := resolve(c); d != nil {
					if v, ok := eval(info, d, resolve, depth+1); ok {
						return v, true
					}
				}
			}
		}
	}
	return opaque(info, e)
}

// opaque returns the constant value of e as one part positioned at e.
func opaque(info *types.Info, e ast.Expr) (*Value, bool) {
	if info == nil {
		return nil, false
	}
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return nil, false
	}
	s := constant.StringVal(tv.Value)
	if len(s) > MaxLen {
		return nil, false
	}
	return &Value{S: s, parts: []part{{off: 0, n: len(s), node: e}}}, true
}

// Literal decodes a string literal and maps its bytes.
func Literal(lit *ast.BasicLit) (*Value, bool) {
	if lit.Kind != token.STRING || len(lit.Value) < 2 || len(lit.Value) > MaxLen {
		return nil, false
	}
	raw := lit.Value
	// A literal the parser recovered from a syntax error may lack its
	// closing quote: its body then runs to the end of the value.
	closing := len(raw) - 1
	if raw[closing] != raw[0] {
		closing = len(raw)
	}
	body := raw[1:closing]
	out := make([]byte, 0, len(body))
	src := make([]int, 0, len(body)+1)
	if raw[0] == '`' {
		for i := 0; i < len(body); i++ {
			if body[i] == '\r' { // carriage returns are dropped from raw strings
				continue
			}
			out = append(out, body[i])
			src = append(src, 1+i)
		}
	} else {
		rest := body
		for len(rest) > 0 {
			at := 1 + len(body) - len(rest)
			r, multibyte, tail, err := strconv.UnquoteChar(rest, raw[0])
			if err != nil {
				return nil, false
			}
			n := len(out)
			if r < utf8.RuneSelf || !multibyte {
				out = append(out, byte(r))
			} else {
				out = utf8.AppendRune(out, r)
			}
			for range len(out) - n {
				src = append(src, at)
			}
			rest = tail
		}
	}
	src = append(src, closing)
	return &Value{S: string(out), parts: []part{{off: 0, n: len(out), lit: lit, src: src}}}, true
}

// Span returns where value bytes [a, b) are written. exact reports whether
// both ends lie inside string literals, so that [pos, end) covers the
// bytes as written (escaped) and nothing else of the source; otherwise
// pos and end are those of the named constant or expression the bytes
// come from. For a == b, end is pos.
func (v *Value) Span(a, b int) (pos, end token.Pos, exact bool) {
	a, b = max(0, min(a, len(v.S))), max(0, min(b, len(v.S)))
	if b < a {
		b = a
	}
	pa := v.find(a, false)
	pb := v.find(b, true)
	if pa == nil || pb == nil {
		return token.NoPos, token.NoPos, false
	}
	if pa.lit == nil {
		return pa.node.Pos(), pa.node.End(), false
	}
	pos = pa.lit.Pos() + token.Pos(pa.src[a-pa.off])
	if a == b {
		return pos, pos, true
	}
	if pb.lit == nil {
		return pos, pb.node.End(), false
	}
	return pos, pb.lit.Pos() + token.Pos(pb.src[b-pb.off]), true
}

// find returns the part holding value offset off; an end offset on a part
// boundary belongs to the part before it.
func (v *Value) find(off int, isEnd bool) *part {
	for i := range v.parts {
		p := &v.parts[i]
		if off >= p.off && (off < p.off+p.n || off == p.off+p.n && (isEnd || i == len(v.parts)-1)) {
			return p
		}
	}
	return nil
}

// Pos returns the start of the whole value's source.
func (v *Value) Pos() token.Pos {
	if len(v.parts) == 0 {
		return token.NoPos
	}
	if p := v.parts[0]; p.lit != nil {
		return p.lit.Pos()
	}
	return v.parts[0].node.Pos()
}

// Literal reports whether every byte of the value is written in a string
// literal (no named constant is involved).
func (v *Value) Literal() bool {
	for _, p := range v.parts {
		if p.lit == nil {
			return false
		}
	}
	return true
}

// sqlKeywords start the statements LooksLikeSQL recognises.
var sqlKeywords = []string{
	"SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "GRANT", "REVOKE", "DROP",
	"DO", "WITH", "SET", "COPY", "BEGIN", "COMMIT", "TRUNCATE", "COMMENT", "CALL", "EXECUTE",
	"REASSIGN", "SECURITY", "VALUES", "MERGE", "PREPARE", "LOCK", "REFRESH", "RESET",
}

// LooksLikeSQL reports whether s starts, after white space and SQL
// comments, with a SQL statement keyword.
func LooksLikeSQL(s string) bool {
	for {
		s = strings.TrimLeft(s, " \t\r\n(")
		if strings.HasPrefix(s, "--") {
			k := strings.IndexByte(s, '\n')
			if k < 0 {
				return false
			}
			s = s[k+1:]
			continue
		}
		break
	}
	for _, kw := range sqlKeywords {
		if len(s) > len(kw) && strings.EqualFold(s[:len(kw)], kw) {
			if c := s[len(kw)]; c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '(' {
				return true
			}
		}
	}
	return false
}
