// Package gocall tells which function a call expression calls, from type
// information when the package has it and from the file's imports when it
// does not (a directory outside any module, a package with type errors).
package gocall

import (
	"go/ast"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// Func is a called function: its package path, the name of the receiver's
// type for a method ("" for a function, or when unknown), and its name.
type Func struct {
	Pkg, Recv, Name string
	// Sig is the signature, nil without type information.
	Sig *types.Signature
	// Typed reports whether the callee was resolved with type information.
	Typed bool
	// Interface reports whether it is a method of an interface type.
	Interface bool
}

// Is reports whether f is pkg.name (a function, or a method of any type).
func (f Func) Is(pkg, name string) bool { return f.Pkg == pkg && f.Name == name }

// Callee returns what call calls. ok is false for calls it cannot name
// (function values, conversions, builtins).
func Callee(info *types.Info, file *ast.File, call *ast.CallExpr) (f Func, ok bool) {
	if info != nil {
		if fn, _ := typeutil.Callee(info, call).(*types.Func); fn != nil && fn.Pkg() != nil {
			sig := fn.Type().(*types.Signature)
			f = Func{Pkg: fn.Pkg().Path(), Name: fn.Name(), Sig: sig, Typed: true}
			if recv := sig.Recv(); recv != nil {
				t := recv.Type()
				if p, isPtr := t.(*types.Pointer); isPtr {
					t = p.Elem()
				}
				if n, isNamed := types.Unalias(t).(*types.Named); isNamed {
					f.Recv = n.Obj().Name()
				}
				_, f.Interface = t.Underlying().(*types.Interface)
			}
			return f, true
		}
	}
	// Without types: pkg.Func where pkg is an import of the file. A method
	// call's receiver type is unknown.
	sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !isSel {
		if id, isIdent := ast.Unparen(call.Fun).(*ast.Ident); isIdent {
			return Func{Name: id.Name}, true
		}
		return Func{}, false
	}
	if x, isIdent := sel.X.(*ast.Ident); isIdent && file != nil {
		if path := ImportPath(file, x.Name); path != "" {
			return Func{Pkg: path, Name: sel.Sel.Name}, true
		}
	}
	return Func{Name: sel.Sel.Name}, true
}

// ImportPath returns the path a file imports under name, or "".
func ImportPath(file *ast.File, name string) string {
	for _, imp := range file.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			continue
		}
		local := ""
		if imp.Name != nil {
			local = imp.Name.Name
		} else {
			local = DefaultName(path)
		}
		if local == name {
			return path
		}
	}
	return ""
}

// DefaultName guesses the package name of an import path: its last
// element, without a major-version suffix or a "go-" prefix.
func DefaultName(path string) string {
	elems := strings.Split(path, "/")
	name := elems[len(elems)-1]
	if len(elems) > 1 && len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = elems[len(elems)-2]
	}
	name = strings.TrimPrefix(name, "go-")
	if k := strings.IndexAny(name, ".-"); k >= 0 {
		name = name[:k]
	}
	return name
}
