package cfgvalue

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// ParseHCL returns the scalars of an HCL native-syntax file (Terraform
// *.tf, Packer, Nomad) in source order; filename appears only in
// hclsyntax's own diagnostics. Attributes are keys; blocks add their type
// and labels to the path, and an unlabeled block also its index among the
// unlabeled blocks of that type in the same body, as Terraform addresses
// nested blocks (ingress[0], ingress[1]):
//
//	resource "aws_security_group" "db" {   // resource.aws_security_group.db
//	  ingress { cidr_blocks = ["a"] }      // ...db.ingress.[0].cidr_blocks.[0]
//	  ingress { cidr_blocks = ["b"] }      // ...db.ingress.[1].cidr_blocks.[0]
//	}
//
// Literal values are decoded: strings without interpolation (quoted or
// heredoc), numbers (also negated), booleans, null, and tuples and objects
// of them, element by element. Any other expression — a reference
// (var.x, local.y, aws_vpc.main.cidr_block), a function call, an operator,
// a conditional, a for expression, a string with ${...} or %{...} — is one
// Template value whose Text is its source text (inside the quotes for a
// quoted template); what is inside it is not reported.
//
// A syntax error returns no values and an *Error at hclsyntax's first
// error. So does an expression nested more than 1000 levels deep, which
// hclsyntax would parse by recursion deep enough to overflow the stack.
func ParseHCL(src []byte, filename string) (vals []Value, err error) {
	defer recoverParse(src, &vals, &err)
	b := newBuilder(src)
	if e := hclTooDeep(b, src, filename); e != nil {
		return nil, e
	}
	f, diags := hclsyntax.ParseConfig(src, filename, hcl.InitialPos)
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		off := 0
		if d.Subject != nil {
			off = d.Subject.Start.Byte
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		return nil, b.errorAt(off, msg)
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil, b.errorAt(0, "not HCL native syntax")
	}
	w := &hclWalker{b: b, src: src}
	w.body(body)
	return b.vals, nil
}

// hclMaxNesting bounds the nesting hclTooDeep allows.
const hclMaxNesting = maxDepth

// hclTooDeep estimates, from the tokens, how deeply hclsyntax's recursive
// descent will recurse: one level per open bracket, brace, parenthesis,
// quote, heredoc or template sequence, per unary operator in a row, per
// "?" of a conditional and per splat ([*], .*) in one expression (the
// parser recurses into the rest of the expression after each), and per
// open %{if} or %{for} template directive. It reports
// an *Error where the estimate first exceeds hclMaxNesting.
func hclTooDeep(b *builder, src []byte, filename string) *Error {
	tokens, _ := hclsyntax.LexConfig(src, filename, hcl.InitialPos)
	type level struct {
		open  hclsyntax.TokenType
		chain int // "?" and splats in the current expression at this level
	}
	stack := []level{{open: hclsyntax.TokenNil}}
	chain, unary, directives := 0, 0, 0
	prev := hclsyntax.TokenNil
	for _, t := range tokens {
		top := &stack[len(stack)-1]
		switch t.Type {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen, hclsyntax.TokenOQuote,
			hclsyntax.TokenOHeredoc, hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
			stack = append(stack, level{open: t.Type})
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen, hclsyntax.TokenCQuote,
			hclsyntax.TokenCHeredoc, hclsyntax.TokenTemplateSeqEnd:
			if len(stack) > 1 {
				chain -= top.chain
				stack = stack[:len(stack)-1]
			}
		case hclsyntax.TokenQuestion:
			top.chain++
			chain++
		case hclsyntax.TokenStar:
			if prev == hclsyntax.TokenDot {
				top.chain++
				chain++
			} else if prev == hclsyntax.TokenOBrack && len(stack) > 1 {
				// [*]: the bracket was pushed; count the splat below it.
				stack[len(stack)-2].chain++
				chain++
			}
		case hclsyntax.TokenIdent:
			if prev == hclsyntax.TokenTemplateControl {
				switch string(t.Bytes) {
				case "if", "for":
					directives++
				case "endif", "endfor":
					directives = max(0, directives-1)
				}
			}
		case hclsyntax.TokenComma:
			chain -= top.chain
			top.chain = 0
		case hclsyntax.TokenNewline:
			// Newlines end an expression in a body or an object, but not
			// inside brackets or parentheses.
			if top.open == hclsyntax.TokenNil || top.open == hclsyntax.TokenOBrace {
				chain -= top.chain
				top.chain = 0
			}
		}
		switch t.Type {
		case hclsyntax.TokenMinus, hclsyntax.TokenBang:
			unary++
		case hclsyntax.TokenNewline, hclsyntax.TokenComment:
		default:
			unary = 0
		}
		if t.Type != hclsyntax.TokenNewline && t.Type != hclsyntax.TokenComment {
			prev = t.Type
		}
		if len(stack)-1+chain+unary+directives > hclMaxNesting {
			return b.errorAt(t.Range.Start.Byte, fmt.Sprintf("expression nested more than %d levels deep", hclMaxNesting))
		}
	}
	return nil
}

type hclWalker struct {
	b   *builder
	src []byte
}

// body walks the attributes and blocks of a body in source order.
func (w *hclWalker) body(body *hclsyntax.Body) {
	type item struct {
		off   int
		attr  *hclsyntax.Attribute
		block *hclsyntax.Block
	}
	items := make([]item, 0, len(body.Attributes)+len(body.Blocks))
	for _, a := range body.Attributes {
		items = append(items, item{off: a.NameRange.Start.Byte, attr: a})
	}
	for _, blk := range body.Blocks {
		items = append(items, item{off: blk.TypeRange.Start.Byte, block: blk})
	}
	slices.SortFunc(items, func(a, b item) int { return a.off - b.off })
	count := map[string]int{} // unlabeled blocks so far, by type
	for _, it := range items {
		depth := len(w.b.path)
		if a := it.attr; a != nil {
			w.b.push(a.Name, it.off)
			w.expr(a.Expr, a.Name, a.NameRange.Start.Byte, a.NameRange.End.Byte)
		} else {
			blk := it.block
			w.b.push(blk.Type, it.off)
			for _, l := range blk.Labels {
				w.b.push(l, it.off)
			}
			if len(blk.Labels) == 0 {
				w.b.push(indexName(count[blk.Type]), it.off)
				count[blk.Type]++
			}
			w.body(blk.Body)
		}
		w.b.path = w.b.path[:depth]
	}
}

// expr walks an attribute's expression, or an element of one, written
// under key (span ks, ke).
func (w *hclWalker) expr(e hclsyntax.Expression, key string, ks, ke int) {
	r := e.Range()
	s := scalar{key: key, keyStart: ks, keyEnd: ke, start: r.Start.Byte, end: r.End.Byte}
	switch e := e.(type) {
	case *hclsyntax.ParenthesesExpr:
		w.expr(e.Expression, key, ks, ke)
		return
	case *hclsyntax.TupleConsExpr:
		for i, x := range e.Exprs {
			w.b.push(indexName(i), r.Start.Byte)
			w.expr(x, key, ks, ke)
			w.b.pop()
		}
		return
	case *hclsyntax.ObjectConsExpr:
		for _, item := range e.Items {
			name, nks, nke := w.objectKey(item.KeyExpr)
			w.b.push(name, item.KeyExpr.Range().Start.Byte)
			w.expr(item.ValueExpr, name, nks, nke)
			w.b.pop()
		}
		return
	case *hclsyntax.LiteralValueExpr:
		if !w.literal(&s, e.Val) {
			w.template(&s)
		}
	case *hclsyntax.UnaryOpExpr:
		// A negative number is an operator applied to a literal.
		lit, ok := e.Val.(*hclsyntax.LiteralValueExpr)
		if ok && e.Op == hclsyntax.OpNegate && lit.Val.Type() == cty.Number && lit.Val.IsKnown() && !lit.Val.IsNull() {
			s.kind, s.text = Number, w.text(s.start, s.end)
		} else {
			w.template(&s)
		}
	case *hclsyntax.TemplateExpr:
		s.start, s.end = w.templateContent(r)
		if text, ok := literalTemplate(e); ok {
			s.kind, s.text = String, text
		} else {
			w.template(&s)
		}
	case *hclsyntax.TemplateWrapExpr:
		s.start, s.end = w.templateContent(r)
		w.template(&s)
	default:
		w.template(&s)
	}
	w.b.add(s)
}

// literal fills s from a literal value and reports whether it is one.
func (w *hclWalker) literal(s *scalar, v cty.Value) bool {
	switch {
	case !v.IsKnown():
		return false
	case v.IsNull():
		s.kind, s.text = Null, w.text(s.start, s.end)
	case v.Type() == cty.String:
		s.kind, s.text = String, v.AsString()
	case v.Type() == cty.Number:
		s.kind, s.text = Number, w.text(s.start, s.end)
	case v.Type() == cty.Bool:
		s.kind, s.text = Bool, w.text(s.start, s.end)
	default:
		return false
	}
	return true
}

// text returns the source text of [start, end), clamped into the input.
func (w *hclWalker) text(start, end int) string {
	start = max(0, min(start, len(w.src)))
	return string(w.src[start:max(start, min(end, len(w.src)))])
}

// template makes s a Template value: its source text.
func (w *hclWalker) template(s *scalar) {
	s.kind, s.template = String, true
	s.text = w.text(s.start, s.end)
}

// literalTemplate returns the string a template without interpolations or
// directives stands for.
func literalTemplate(e *hclsyntax.TemplateExpr) (string, bool) {
	var sb strings.Builder
	for _, p := range e.Parts {
		lit, ok := p.(*hclsyntax.LiteralValueExpr)
		if !ok || lit.Val.Type() != cty.String || !lit.Val.IsKnown() || lit.Val.IsNull() {
			return "", false
		}
		sb.WriteString(lit.Val.AsString())
	}
	return sb.String(), true
}

// templateContent returns the span of a template's content: inside the
// quotes of a quoted template; for a heredoc, the lines between the
// <<MARKER line and the closing marker line (with the last line's break).
func (w *hclWalker) templateContent(r hcl.Range) (int, int) {
	start, end := r.Start.Byte, r.End.Byte
	if start < 0 || end > len(w.src) || start >= end {
		return start, end
	}
	raw := w.src[start:end]
	switch {
	case raw[0] == '"' && len(raw) >= 2 && raw[len(raw)-1] == '"':
		return start + 1, end - 1
	case len(raw) >= 2 && raw[0] == '<' && raw[1] == '<':
		first := bytes.IndexByte(raw, '\n')
		last := bytes.LastIndexByte(bytes.TrimRight(raw, "\r\n"), '\n')
		if first < 0 || last < first {
			return end, end
		}
		return start + first + 1, start + last + 1
	}
	return start, end
}

// objectKey returns an object key's name and span: an identifier or a
// literal string as written, "?" for any other expression.
func (w *hclWalker) objectKey(k hclsyntax.Expression) (string, int, int) {
	if ke, ok := k.(*hclsyntax.ObjectConsKeyExpr); ok {
		if !ke.ForceNonLiteral {
			if name := hcl.ExprAsKeyword(ke.Wrapped); name != "" {
				r := ke.Wrapped.Range()
				return name, r.Start.Byte, r.End.Byte
			}
		}
		k = ke.Wrapped
	}
	switch k := k.(type) {
	case *hclsyntax.TemplateExpr:
		if text, ok := literalTemplate(k); ok {
			start, end := w.templateContent(k.SrcRange)
			return text, start, end
		}
	case *hclsyntax.LiteralValueExpr:
		var s scalar
		r := k.SrcRange
		s.start, s.end = r.Start.Byte, r.End.Byte
		if w.literal(&s, k.Val) {
			return s.text, s.start, s.end
		}
	}
	return "?", -1, -1
}
