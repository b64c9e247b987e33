package gostring

import (
	"go/ast"
	"go/constant"
	"go/types"
	"regexp"
	"strings"
)

// Printf returns what fmt's printf functions make of format and args, as
// far as it is known without running the program. A verb whose argument is
// a constant — a string for %s and %v, an integer for %d and %v — written
// without flags, width or precision becomes the argument's value, mapped to
// the argument; every other verb becomes the template "%s" ("%d",
// "%-10v", "%[2]q"), mapped to the verb, so that a parser of the text
// reads a value filled in at run time. "%%" becomes "%". A nil
// args (a call passing a slice with "...") leaves every verb a template.
func Printf(info *types.Info, format *Value, args []ast.Expr) *Value {
	f := format.S
	out := &Value{}
	argNum := 0
	lit := 0 // start of the run of plain text not yet copied
	for i := 0; i < len(f); {
		if f[i] != '%' {
			i++
			continue
		}
		out.append(format.Slice(lit, i))
		if i+1 < len(f) && f[i+1] == '%' {
			out.append(format.Slice(i, i+1))
			i += 2
			lit = i
			continue
		}
		j, arg, simple := scanVerb(f, i, &argNum)
		if j > len(f) {
			// A "%" with no verb after it: fmt prints "%!(NOVERB)".
			lit = i
			break
		}
		var sub *Value
		if simple && arg < len(args) {
			sub = constArg(info, args[arg], f[j-1])
		}
		if sub == nil {
			// "%s", its "%" written at the verb's "%", its "s" at the
			// verb's letter. An argument named for a socket directory
			// (socketDir, GetSocketDir()) prints "/s" instead: a path,
			// which libpq reads as a Unix-domain socket directory.
			sub = format.Slice(i, i+1)
			if simple && arg < len(args) && socketArg.MatchString(types.ExprString(args[arg])) {
				sub.S = "/"
			}
			letter := format.Slice(j-1, j)
			letter.S = "s"
			sub.append(letter)
		}
		out.append(sub)
		i, lit = j, j
	}
	out.append(format.Slice(lit, len(f)))
	return out
}

// socketArg matches an argument expression named for a socket directory.
var socketArg = regexp.MustCompile(`(?i)socket`)

// HasVerb reports whether the printf format f holds the verb letter
// (with any flags, width, precision or argument index).
func HasVerb(f string, verb byte) bool {
	argNum := 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		if i+1 < len(f) && f[i+1] == '%' {
			i++
			continue
		}
		j, _, _ := scanVerb(f, i, &argNum)
		if j > len(f) {
			return false
		}
		if f[j-1] == verb {
			return true
		}
		i = j - 1
	}
	return false
}

// scanVerb reads the verb starting with the "%" at f[i] and returns the
// index after it, the index of the argument it prints, and whether it has
// no flags, width or precision. *argNum is fmt's argument counter: an
// explicit index "[n]" sets it, "*" and the verb consume one. It returns
// len(f)+1 when the format ends before the verb.
func scanVerb(f string, i int, argNum *int) (end, arg int, simple bool) {
	simple = true
	j := i + 1
	for j < len(f) {
		switch c := f[j]; {
		case c == '[':
			k := strings.IndexByte(f[j:], ']')
			if k < 0 {
				return len(f) + 1, 0, false
			}
			n := 0
			for _, d := range f[j+1 : j+k] {
				if d < '0' || d > '9' {
					n = -1
					break
				}
				n = n*10 + int(d-'0')
			}
			if n > 0 {
				*argNum = n - 1
			}
			j += k + 1
			continue
		case c == '*':
			*argNum++
			simple = false
		case strings.IndexByte("+-# 0123456789.", c) >= 0:
			simple = false
		default:
			arg = *argNum
			*argNum++
			return j + 1, arg, simple
		}
		j++
	}
	return len(f) + 1, 0, false
}

// constArg returns the text verb prints for arg when arg is a constant
// whose printed form is known, or nil.
func constArg(info *types.Info, arg ast.Expr, verb byte) *Value {
	if info == nil {
		if verb == 's' || verb == 'v' {
			if v, ok := Eval(nil, arg, nil); ok {
				return v
			}
		}
		return nil
	}
	tv, ok := info.Types[arg]
	if !ok || tv.Value == nil || hasStringMethod(tv.Type) {
		return nil
	}
	switch tv.Value.Kind() {
	case constant.String:
		if verb == 's' || verb == 'v' {
			if v, ok := Eval(info, arg, nil); ok {
				return v
			}
		}
	case constant.Int:
		if verb == 'd' || verb == 'v' {
			if b, isBasic := tv.Type.Underlying().(*types.Basic); isBasic && b.Info()&types.IsInteger != 0 {
				s := tv.Value.ExactString()
				return &Value{S: s, parts: []part{{off: 0, n: len(s), node: arg}}}
			}
		}
	}
	return nil
}

// hasStringMethod reports whether fmt prints values of t through a String
// or Error method rather than as they are.
func hasStringMethod(t types.Type) bool {
	if t == nil {
		return false
	}
	for _, name := range [...]string{"String", "Error"} {
		if obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name); obj != nil {
			if _, isFunc := obj.(*types.Func); isFunc {
				return true
			}
		}
	}
	return false
}

// Slice returns bytes [a, b) of the value, mapped as they are in v.
func (v *Value) Slice(a, b int) *Value {
	a, b = max(0, min(a, len(v.S))), max(0, min(b, len(v.S)))
	out := &Value{}
	if b <= a {
		return out
	}
	out.S = v.S[a:b]
	for _, p := range v.parts {
		lo, hi := max(a, p.off), min(b, p.off+p.n)
		if lo >= hi {
			continue
		}
		q := part{off: lo - a, n: hi - lo, lit: p.lit, node: p.node}
		if p.lit != nil {
			q.src = p.src[lo-p.off : hi-p.off+1]
		}
		out.parts = append(out.parts, q)
	}
	return out
}

// append adds w's bytes and mapping after v's.
func (v *Value) append(w *Value) {
	for _, p := range w.parts {
		p.off += len(v.S)
		v.parts = append(v.parts, p)
	}
	v.S += w.S
}
