package access

import (
	"slices"
	"strings"

	"github.com/grantguard/grantguard/lint"
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/proto"
)

// Row-level security and what runs with whose rights: ENABLE, DISABLE,
// FORCE and NO FORCE ROW LEVEL SECURITY, CREATE, ALTER and DROP POLICY,
// views' security_invoker and security_barrier, functions' SECURITY
// DEFINER.

// secTouch records that the current statement changed o's row security,
// policies, view options or SECURITY DEFINER (see Model.secChanged).
func (m *Model) secTouch(o *Object) { m.secChanged = append(m.secChanged, o) }

// rowSecurity applies ALTER TABLE ... [NO] FORCE | ENABLE | DISABLE ROW
// LEVEL SECURITY to table o.
func (m *Model) rowSecurity(o *Object, t pg_query.AlterTableType) {
	switch t {
	case pg_query.AlterTableType_AT_EnableRowSecurity:
		o.RLS, o.RLSKnown = true, true
	case pg_query.AlterTableType_AT_DisableRowSecurity:
		if o.RLS || !o.RLSKnown {
			o.rlsOff, o.rlsOffByDisable = m.clauseAt("disable", "row"), true
		}
		o.RLS, o.RLSKnown = false, true
	case pg_query.AlterTableType_AT_ForceRowSecurity:
		o.ForceRLS = true
	case pg_query.AlterTableType_AT_NoForceRowSecurity:
		o.ForceRLS = false
	}
	m.secTouch(o)
}

// rowSecurityTable returns the table an ALTER TABLE ... ROW LEVEL SECURITY
// or a policy statement names: one no migration creates is assumed to
// exist (with a note), its row security unknown until a statement sets it.
func (m *Model) rowSecurityTable(rv *pg_query.RangeVar, missingOK bool) *Object {
	o, sc, name := m.rangeVar(rv)
	if o != nil {
		if o.Kind != Table {
			return nil
		}
		return o
	}
	if missingOK || rv.GetRelpersistence() == "t" {
		return nil
	}
	m.note("table %s.%s is not created by any migration; assumed to exist, owned by %s, its row-level security unknown", sc, name, m.User)
	o = m.create(Table, sc, name, m.User)
	o.Assumed, o.RLSKnown = true, false
	return o
}

// viewOptions applies the reloptions of CREATE VIEW ... WITH (...) and
// ALTER VIEW ... SET | RESET (...) that the model follows.
func (m *Model) viewOptions(o *Object, opts []*pg_query.Node, t pg_query.AlterTableType) {
	if t == pg_query.AlterTableType_AT_ReplaceRelOptions {
		o.SecurityInvoker, o.SecurityBarrier = false, false
	}
	for _, d := range defElems(opts) {
		on := t != pg_query.AlterTableType_AT_ResetRelOptions && viewOptionOn(d)
		switch lower(d.Defname) {
		case "security_invoker":
			o.SecurityInvoker = on
		case "security_barrier":
			o.SecurityBarrier = on
		}
	}
	o.Defined = m.pos
	m.secTouch(o)
}

// viewOptionOn reads a boolean reloption as PostgreSQL's parse_bool does:
// no value is true; true, on, yes, 1 (and their prefixes) are true.
func viewOptionOn(d *pg_query.DefElem) bool {
	if d.Arg == nil {
		return true
	}
	var v string
	switch {
	case d.Arg.GetString_() != nil:
		v = d.Arg.GetString_().Sval
	case d.Arg.GetInteger() != nil:
		return d.Arg.GetInteger().Ival != 0
	case d.Arg.GetBoolean() != nil:
		return d.Arg.GetBoolean().Boolval
	case d.Arg.GetTypeName() != nil: // an unquoted word: true, on
		names := strs(d.Arg.GetTypeName().GetNames())
		if len(names) > 0 {
			v = names[len(names)-1]
		}
	}
	v = lower(strings.TrimSpace(v))
	if v == "" {
		return false
	}
	for _, w := range []string{"true", "yes", "on", "1"} {
		if strings.HasPrefix(w, v) && !(w == "on" && v == "o") {
			return true
		}
	}
	return false
}

// createView is CREATE [OR REPLACE] VIEW: OR REPLACE of a view keeps its
// owner and privileges, and replaces its options and query.
func (m *Model) createView(v *pg_query.ViewStmt) {
	o := m.createRel(Table, v.View, v.Replace, false)
	if o == nil {
		if !v.Replace {
			return
		}
		o = m.relAt(m.newSchema(v.View.GetSchemaname()), v.View.GetRelname())
		if o == nil || o.Kind != Table || o.Rel != RelView {
			return
		}
	}
	o.Rel = RelView
	m.viewOptions(o, v.Options, pg_query.AlterTableType_AT_ReplaceRelOptions)
	o.ViewOf = m.readRelations(v.Query)
}

// readRelations returns the tables and views a query reads, as the model
// resolves their names now (names it does not hold, CTEs among them, are
// left out).
func (m *Model) readRelations(q *pg_query.Node) []*Object {
	var out []*Object
	lint.InspectNode(q, func(msg proto.Message) bool {
		if rv, ok := msg.(*pg_query.RangeVar); ok {
			if o, _, _ := m.rangeVar(rv); o != nil && o.Kind == Table && !slices.Contains(out, o) {
				out = append(out, o)
			}
		}
		return true
	})
	return out
}

// policyCommands maps CREATE POLICY's FOR clause to pg_policy's command.
var policyCommands = map[string]string{"all": "ALL", "select": "SELECT", "insert": "INSERT", "update": "UPDATE", "delete": "DELETE"}

// policyRoles returns the roles a TO clause names, PUBLIC when empty.
func (m *Model) policyRoles(specs []*pg_query.Node) []string {
	var out []string
	for _, n := range specs {
		name := roleName(n.GetRoleSpec(), m)
		m.role(name)
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	if len(out) == 0 || slices.Contains(out, Public) {
		return []string{Public} // PUBLIC with other roles is PUBLIC
	}
	return out
}

// PolicyNamed returns the table's policy named name, or nil.
func (o *Object) PolicyNamed(name string) *Policy {
	for _, p := range o.Policies {
		if p.Name == name {
			return p
		}
	}
	return nil
}

func (m *Model) createPolicy(c *pg_query.CreatePolicyStmt) {
	t := m.rowSecurityTable(c.Table, false)
	if t == nil {
		return
	}
	if t.PolicyNamed(c.PolicyName) != nil {
		m.note("policy %s on %s already exists; PostgreSQL would fail here", c.PolicyName, t.QualifiedName())
		return
	}
	cmd := policyCommands[lower(c.CmdName)]
	if cmd == "" {
		cmd = "ALL"
	}
	p := &Policy{Name: c.PolicyName, Permissive: c.Permissive, Command: cmd, Roles: m.policyRoles(c.Roles),
		using: c.Qual, check: c.WithCheck, Where: m.pos, usingAt: m.exprAt(c.Qual), checkAt: m.exprAt(c.WithCheck)}
	p.Using, p.Check = exprSQL(c.Qual), exprSQL(c.WithCheck)
	t.Policies = append(t.Policies, p)
	m.secTouch(t)
}

func (m *Model) alterPolicy(a *pg_query.AlterPolicyStmt) {
	t, _, _ := m.rangeVar(a.Table)
	p := (*Policy)(nil)
	if t != nil {
		p = t.PolicyNamed(a.PolicyName)
	}
	if p == nil {
		m.note("ALTER POLICY %s: the policy is not created by any migration", a.PolicyName)
		return
	}
	if len(a.Roles) > 0 {
		p.Roles = m.policyRoles(a.Roles)
	}
	if a.Qual != nil || a.WithCheck != nil {
		// The policy is now what this statement makes it: a finding about
		// an expression it keeps is told here too.
		p.Where, p.usingAt, p.checkAt = m.pos, m.pos.Offset, m.pos.Offset
	}
	if a.Qual != nil {
		p.using, p.Using, p.usingAt = a.Qual, exprSQL(a.Qual), m.exprAt(a.Qual)
	}
	if a.WithCheck != nil {
		p.check, p.Check, p.checkAt = a.WithCheck, exprSQL(a.WithCheck), m.exprAt(a.WithCheck)
	}
	m.secTouch(t)
}

// dropPolicy is DROP POLICY name ON table.
func (m *Model) dropPolicy(d *pg_query.DropStmt) {
	for _, on := range d.Objects {
		names := strs(on.GetList().GetItems())
		if len(names) < 2 {
			continue
		}
		t, _ := m.relation(qualifier(names[:len(names)-1]))
		name := names[len(names)-1]
		if t == nil || t.PolicyNamed(name) == nil {
			if !d.MissingOk {
				m.note("DROP POLICY %s: the policy is not created by any migration", name)
			}
			continue
		}
		t.Policies = slices.DeleteFunc(t.Policies, func(p *Policy) bool { return p.Name == name })
		m.secTouch(t)
	}
}

// renamePolicy is ALTER POLICY name ON table RENAME TO new.
func (m *Model) renamePolicy(r *pg_query.RenameStmt) {
	t, _, _ := m.rangeVar(r.Relation)
	if t == nil {
		return
	}
	if p := t.PolicyNamed(r.Subname); p != nil {
		p.Name = r.Newname
		m.secTouch(t)
	}
}

// renameInPolicies follows ALTER ROLE old RENAME TO new in the policies'
// roles (pg_policy holds role OIDs).
func (m *Model) renameInPolicies(old, new string) {
	for _, o := range m.objects {
		for _, p := range o.Policies {
			if i := slices.Index(p.Roles, old); i >= 0 {
				p.Roles[i] = new
				m.secTouch(o)
			}
		}
	}
}

// alterFunction follows ALTER FUNCTION ... SECURITY DEFINER | INVOKER.
func (m *Model) alterFunction(a *pg_query.AlterFunctionStmt) {
	fs, _ := m.funcs(m.funcRef(a.Func), a.Objtype)
	for _, d := range defElems(a.Actions) {
		if d.Defname != "security" {
			continue
		}
		for _, o := range fs {
			o.SecurityDefiner = defOn(d)
			m.secTouch(o)
		}
	}
}

// functionOptions sets what CREATE [OR REPLACE] FUNCTION f says of o:
// SECURITY DEFINER (INVOKER when not said) and a trigger's return type.
func (m *Model) functionOptions(o *Object, f *pg_query.CreateFunctionStmt) {
	o.SecurityDefiner = false
	for _, d := range defElems(f.Options) {
		if d.Defname == "security" {
			o.SecurityDefiner = defOn(d)
		}
	}
	o.Trigger = false
	if names := strs(f.GetReturnType().GetNames()); len(names) > 0 && !f.GetReturnType().GetSetof() {
		switch lower(names[len(names)-1]) {
		case "trigger", "event_trigger":
			o.Trigger = true
		}
	}
	m.secTouch(o)
}

// clauseAt returns where the clause starting with words is in the
// current statement (the statement itself when not found).
func (m *Model) clauseAt(words ...string) Pos {
	p := m.pos
	if m.stmt != nil {
		if k := m.stmt.Keyword(m.stmt.Start(), words...); k >= 0 {
			p.Offset = m.stmt.FileOffset(k)
		}
	}
	return p
}

// exprAt returns the file offset of expression n of the current
// statement (of the statement when n has no location).
func (m *Model) exprAt(n *pg_query.Node) int {
	if n == nil || m.stmt == nil {
		return m.pos.Offset
	}
	// The leftmost location in the expression: an operator's is the
	// operator's, not its left operand's.
	loc := int32(-1)
	lint.InspectNode(n, func(x proto.Message) bool {
		r := x.ProtoReflect()
		if f := r.Descriptor().Fields().ByName("location"); f != nil {
			if l := int32(r.Get(f).Int()); l >= 0 && (loc < 0 || l < loc) {
				loc = l
			}
		}
		return true
	})
	if loc < 0 {
		return m.pos.Offset
	}
	return m.stmt.FileOffset(loc)
}

// exprSQL renders an expression as SQL, "" for none.
func exprSQL(n *pg_query.Node) string {
	if n == nil {
		return ""
	}
	sel := &pg_query.SelectStmt{TargetList: []*pg_query.Node{{Node: &pg_query.Node_ResTarget{ResTarget: &pg_query.ResTarget{Val: n}}}}}
	out, err := pg_query.Deparse(&pg_query.ParseResult{Stmts: []*pg_query.RawStmt{{Stmt: &pg_query.Node{Node: &pg_query.Node_SelectStmt{SelectStmt: sel}}}}})
	if err != nil {
		return "(expression)"
	}
	return strings.TrimPrefix(out, "SELECT ")
}
