package access

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// Functions and procedures: references by name and argument types, and
// CREATE FUNCTION.

// funcRef is a reference to a function: a name, and the input argument
// types when given.
type funcRef struct {
	schema, name, args string
	given              bool
}

func funcName(name, args string) string { return name + "(" + args + ")" }

func (m *Model) funcRef(owa *pg_query.ObjectWithArgs) funcRef {
	r := funcRef{given: !owa.GetArgsUnspecified()}
	r.schema, r.name = qualifier(strs(owa.GetObjname()))
	if len(owa.GetObjfuncargs()) > 0 {
		r.args = paramTypes(owa.GetObjfuncargs())
	} else {
		var ts []string
		for _, a := range owa.GetObjargs() {
			ts = append(ts, typeString(a.GetTypeName()))
		}
		r.args = strings.Join(ts, ", ")
	}
	return r
}

// paramTypes returns the identity argument types of a parameter list: OUT
// and TABLE parameters are not part of it.
func paramTypes(ps []*pg_query.Node) string {
	var ts []string
	for _, p := range ps {
		fp := p.GetFunctionParameter()
		if fp == nil || fp.Mode == pg_query.FunctionParameterMode_FUNC_PARAM_OUT || fp.Mode == pg_query.FunctionParameterMode_FUNC_PARAM_TABLE {
			continue
		}
		ts = append(ts, typeString(fp.ArgType))
	}
	return strings.Join(ts, ", ")
}

// typeNames maps the parser's names of built-in types (and their SQL
// spellings) to the names format_type gives them.
var typeNames = map[string]string{
	"int2": "smallint", "smallint": "smallint", "int4": "integer", "int": "integer", "integer": "integer",
	"int8": "bigint", "bigint": "bigint", "float4": "real", "real": "real", "float8": "double precision",
	"double precision": "double precision", "float": "double precision", "bool": "boolean", "boolean": "boolean",
	"varchar": "character varying", "character varying": "character varying", "bpchar": "character",
	"character": "character", "numeric": "numeric", "decimal": "numeric", "dec": "numeric",
	"timestamp": "timestamp without time zone", "timestamptz": "timestamp with time zone",
	"time": "time without time zone", "timetz": "time with time zone", "varbit": "bit varying",
	"bit varying": "bit varying", "char": `"char"`,
}

// typeString normalizes an argument type the way pg_proc identifies it
// (format_type): aliases unified, type modifiers dropped, pg_catalog and
// public not shown; other schemas stay.
func typeString(t *pg_query.TypeName) string {
	names := strs(t.GetNames())
	var s string
	switch {
	case len(names) == 0:
		return "?"
	case t.GetPctType():
		return strings.Join(names, ".") + "%TYPE"
	case len(names) == 1:
		s = names[0]
	case names[len(names)-2] == "pg_catalog" || names[len(names)-2] == "public":
		s = names[len(names)-1]
	default:
		s = names[len(names)-2] + "." + names[len(names)-1]
	}
	if n, ok := typeNames[s]; ok {
		s = n
	}
	if len(t.GetArrayBounds()) > 0 {
		s += "[]"
	}
	return s
}

// routineKind reports whether function o is of the kind a statement on
// object type t takes: FUNCTION not procedures, PROCEDURE only those,
// ROUTINE both.
func routineKind(o *Object, t pg_query.ObjectType) bool {
	switch t {
	case pg_query.ObjectType_OBJECT_FUNCTION:
		return !o.proc
	case pg_query.ObjectType_OBJECT_PROCEDURE:
		return o.proc
	}
	return true
}

// funcs returns the functions a reference names: with an argument list, the
// one with those argument types; without, the only one of that name (in
// the schema named, else on the search path). ok is false (with a note)
// where PostgreSQL refuses the reference.
func (m *Model) funcs(r funcRef, t pg_query.ObjectType) (out []*Object, ok bool) {
	schemas := []string{r.schema}
	if r.schema == "" {
		schemas = m.pathSchemas()
	}
	what := strings.ToLower(strings.TrimPrefix(t.String(), "OBJECT_"))
	hidden := map[string]bool{}
	for _, sc := range schemas {
		if r.given {
			o := m.objects[objKey(Function, sc, funcName(r.name, r.args))]
			if o == nil {
				continue
			}
			if !routineKind(o, t) {
				m.note("%s is not a %s; PostgreSQL refuses the statement, the model leaves it out", o.QualifiedName(), what)
				return nil, false
			}
			return []*Object{o}, true
		}
		var here []*Object
		for _, o := range m.objects {
			if o.Kind == Function && o.Schema == sc && o.fname == r.name && routineKind(o, t) && !hidden[o.args] {
				here = append(here, o)
			}
		}
		for _, o := range here {
			hidden[o.args] = true
		}
		out = append(out, here...)
	}
	if len(out) > 1 {
		sortObjects(out)
		var names []string
		for _, o := range out {
			names = append(names, o.QualifiedName())
		}
		m.note("%s name %s is not unique (%s); PostgreSQL wants the argument list and refuses the statement, the model leaves it out",
			what, r.name, strings.Join(names, ", "))
		return nil, false
	}
	return out, true
}

// newFunc creates function sc.name(args) (with unknown arguments: sc.name).
func (m *Model) newFunc(sc, name, args string, unknown, proc bool, owner string) *Object {
	full := funcName(name, args)
	if unknown {
		full, args = name, ""
	}
	o := m.create(Function, sc, full, owner)
	o.fname, o.args, o.argsUnknown, o.proc = name, args, unknown, proc
	return o
}

func (m *Model) createFunction(f *pg_query.CreateFunctionStmt) {
	schema, name := qualifier(strs(f.Funcname))
	sc := m.newSchema(schema)
	args := paramTypes(f.Parameters)
	if o := m.objects[objKey(Function, sc, funcName(name, args))]; o != nil {
		// CREATE OR REPLACE keeps the owner and privileges.
		if !f.Replace {
			m.note("function %s already exists; PostgreSQL would fail here", o.QualifiedName())
			return
		}
		m.functionOptions(o, f)
		return
	}
	m.functionOptions(m.newFunc(sc, name, args, false, f.IsProcedure, m.current), f)
}
