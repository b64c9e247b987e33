package access

import (
	"fmt"
	"strings"
	"unicode/utf8"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// Objects: databases, schemas, tables, views and sequences created,
// altered, moved, renamed, given away and dropped.

// create adds an object owned by owner with the privileges PostgreSQL gives
// a new object: the owner's global default privileges for the kind (else
// the built-in default) merged with those for the schema.
func (m *Model) create(k Kind, schema, name, owner string) *Object {
	m.role(owner)
	if schema != "" {
		m.ensureSchema(schema)
	}
	acl := aclDefault(k, owner)
	if k != Database {
		if d := m.defaults[defaultsKey(owner, "", k)]; d != nil {
			acl = d.ACL.clone()
		}
		if schema != "" {
			if d := m.defaults[defaultsKey(owner, schema, k)]; d != nil {
				for g, ps := range d.ACL {
					for p, opt := range ps {
						acl.grant(g, []string{p}, opt)
					}
				}
			}
		}
	}
	o := &Object{Kind: k, Schema: schema, Name: name, Owner: owner, ACL: acl, RLSKnown: k == Table}
	m.put(o)
	m.touch(o)
	if m.created == nil {
		m.created = map[*Object]bool{}
	}
	m.created[o] = true
	return o
}

// ensureSchema adds schema, with a note, when no migration created it.
func (m *Model) ensureSchema(schema string) {
	if m.objects[objKey(Schema, "", schema)] != nil {
		return
	}
	sch := &Object{Kind: Schema, Name: schema, Owner: m.User, ACL: aclDefault(Schema, m.User)}
	if schema == "pg_catalog" || schema == "information_schema" {
		sch.ACL.grant(Public, []string{"USAGE"}, false) // the system schemas, every role may use
	} else {
		m.note("schema %s is not created by any migration; assumed to exist, owned by %s", schema, m.User)
	}
	m.put(sch)
	m.touch(sch)
}

func (m *Model) createSchema(cs *pg_query.CreateSchemaStmt) bool {
	owner := m.current
	if cs.Authrole != nil {
		owner = roleName(cs.Authrole, m)
		m.role(owner)
	}
	name := cs.Schemaname
	if name == "" {
		name = owner
	}
	if m.objects[objKey(Schema, "", name)] == nil {
		m.create(Schema, "", name, owner)
	} else if !cs.IfNotExists {
		m.note("schema %s already exists; PostgreSQL would fail here", name)
	}
	if len(cs.SchemaElts) > 0 {
		// The elements are created by the schema's owner, with the schema
		// in front of the search path.
		savedPath, savedRole := m.searchPath, m.current
		m.searchPath = append([]string{name}, savedPath...)
		m.current = owner
		for _, e := range cs.SchemaElts {
			m.apply(e)
		}
		m.searchPath, m.current = savedPath, savedRole
	}
	return cs.Authrole != nil
}

// createRel creates a table (view, materialized view, foreign table) or a
// sequence; it returns nil when the name is taken: CREATE OR REPLACE VIEW
// and IF NOT EXISTS keep the existing relation, anything else fails in
// PostgreSQL (noted). Temporary relations are left out.
func (m *Model) createRel(k Kind, rv *pg_query.RangeVar, replace, ifNotExists bool) *Object {
	if rv.GetRelpersistence() == "t" || strings.HasPrefix(rv.GetSchemaname(), "pg_temp") {
		return nil
	}
	sc := m.newSchema(rv.GetSchemaname())
	name := rv.GetRelname()
	if old := m.relAt(sc, name); old != nil {
		if !(ifNotExists || replace && old.Kind == k) {
			m.note("%s %s already exists; PostgreSQL would fail here, the model keeps the existing one", old.Kind, old.QualifiedName())
		}
		return nil
	}
	o := m.create(k, sc, name, m.current)
	if k == Table {
		o.rlsOff = m.pos
		if m.stmt != nil && rv.GetLocation() >= 0 {
			o.rlsOff.Offset = m.stmt.FileOffset(rv.GetLocation())
		}
	}
	return o
}

func (m *Model) createTable(c *pg_query.CreateStmt) *Object {
	o := m.createRel(Table, c.Relation, false, c.IfNotExists)
	if o == nil {
		return nil
	}
	for _, e := range c.TableElts {
		if cd := e.GetColumnDef(); cd != nil {
			m.serialColumn(o, cd)
		}
	}
	return o
}

// serialColumn creates the sequence of a serial or identity column of
// table t.
func (m *Model) serialColumn(t *Object, cd *pg_query.ColumnDef) {
	for _, con := range cd.Constraints {
		if c := con.GetConstraint(); c.GetContype() == pg_query.ConstrType_CONSTR_IDENTITY {
			m.identitySeq(t, cd.Colname, c.Options)
			return
		}
	}
	if tn := strs(cd.GetTypeName().GetNames()); len(tn) == 1 {
		switch lower(tn[0]) {
		case "serial", "bigserial", "smallserial", "serial2", "serial4", "serial8":
			m.ownedSeq(t, cd.Colname, t.Schema, chooseRelName(m, t.Schema, t.Name, cd.Colname, "seq"))
		}
	}
}

// identitySeq creates the sequence of identity column col of table t:
// named by the SEQUENCE NAME option, else as for serial.
func (m *Model) identitySeq(t *Object, col string, opts []*pg_query.Node) {
	for _, o := range opts {
		if d := o.GetDefElem(); d != nil && d.Defname == "sequence_name" {
			sc, name := qualifier(strs(d.Arg.GetList().GetItems()))
			m.ownedSeq(t, col, m.newSchema(sc), name)
			return
		}
	}
	m.ownedSeq(t, col, t.Schema, chooseRelName(m, t.Schema, t.Name, col, "seq"))
}

// ownedSeq creates sequence sc.name owned by column col of table t, with
// t's owner (also when ALTER TABLE ... ADD COLUMN is run by another role).
func (m *Model) ownedSeq(t *Object, col, sc, name string) {
	if old := m.relAt(sc, name); old != nil {
		m.note("%s %s already exists; PostgreSQL would fail here, the model keeps the existing one", old.Kind, old.QualifiedName())
		return
	}
	s := m.create(Sequence, sc, name, t.Owner)
	s.ownedBy, s.ownedCol = t, col
}

// chooseRelName is PostgreSQL's ChooseRelationName: name1_name2_label,
// the longer name cut to fit NAMEDATALEN, with a number added to the label
// while the name is taken.
func chooseRelName(m *Model, schema, name1, name2, label string) string {
	for pass := 0; ; pass++ {
		l := label
		if pass > 0 {
			l = fmt.Sprint(label, pass)
		}
		name := makeObjectName(name1, name2, l)
		if m.relAt(schema, name) == nil {
			return name
		}
	}
}

// makeObjectName is PostgreSQL's makeObjectName.
func makeObjectName(name1, name2, label string) string {
	const maxLen = 63 // NAMEDATALEN - 1
	avail := maxLen - len(label) - 2
	n1, n2 := len(name1), len(name2)
	for n1+n2 > avail {
		if n1 > n2 {
			n1--
		} else {
			n2--
		}
	}
	return clip(name1, n1) + "_" + clip(name2, n2) + "_" + label
}

// clip cuts s to at most n bytes without splitting a character.
func clip(s string, n int) string {
	if n >= len(s) {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// seqOptions follows OWNED BY t.c | NONE of CREATE and ALTER SEQUENCE.
func (m *Model) seqOptions(s *Object, opts []*pg_query.Node) {
	for _, o := range opts {
		d := o.GetDefElem()
		if d == nil || d.Defname != "owned_by" {
			continue
		}
		names := strs(d.Arg.GetList().GetItems())
		if len(names) == 1 && lower(names[0]) == "none" {
			s.ownedBy, s.ownedCol = nil, ""
			continue
		}
		if len(names) < 2 {
			continue
		}
		t, sc := m.relation(qualifier(names[:len(names)-1]))
		if t == nil || t.Kind != Table {
			m.note("OWNED BY %s.%s: the table is not created by any migration", sc, strings.Join(names[len(names)-2:], "."))
			continue
		}
		s.ownedBy, s.ownedCol = t, names[len(names)-1]
	}
}

// ownedSeqs returns the sequences owned by table t (by its column col, when
// col is not "").
func (m *Model) ownedSeqs(t *Object, col string) []*Object {
	var out []*Object
	for _, o := range m.objects {
		if o.ownedBy == t && (col == "" || o.ownedCol == col) {
			out = append(out, o)
		}
	}
	sortObjects(out)
	return out
}

func dropKind(t pg_query.ObjectType) (Kind, bool) {
	switch t {
	case pg_query.ObjectType_OBJECT_TABLE, pg_query.ObjectType_OBJECT_VIEW, pg_query.ObjectType_OBJECT_MATVIEW,
		pg_query.ObjectType_OBJECT_FOREIGN_TABLE:
		return Table, true
	}
	return grantKind(t)
}

func (m *Model) drop(d *pg_query.DropStmt) {
	k, ok := dropKind(d.RemoveType)
	if !ok {
		return
	}
	for _, on := range d.Objects {
		switch k {
		case Schema, Database:
			if o := m.objects[objKey(k, "", on.GetString_().GetSval())]; o != nil {
				m.dropObject(o)
			}
		case Function:
			fs, _ := m.funcs(m.funcRef(on.GetObjectWithArgs()), d.RemoveType)
			for _, o := range fs {
				m.dropObject(o)
			}
		default:
			if o, _ := m.relation(qualifier(strs(on.GetList().GetItems()))); o != nil {
				m.dropObject(o)
			}
		}
	}
}

// dropObject removes o and what goes with it: a schema's objects and
// default privileges, a table's owned sequences.
func (m *Model) dropObject(o *Object) {
	m.del(o)
	switch o.Kind {
	case Schema:
		for _, x := range m.objects {
			if x.Schema == o.Name {
				m.dropObject(x)
			}
		}
		for key, da := range m.defaults {
			if da.Schema == o.Name {
				delete(m.defaults, key)
			}
		}
	case Table:
		for _, s := range m.ownedSeqs(o, "") {
			m.dropObject(s)
		}
	}
}

func (m *Model) setOwner(o *Object, owner string) {
	m.role(owner)
	// As aclnewowner: the old owner becomes the new owner in every entry,
	// as grantee and as grantor.
	m.renameInACL(o, o.Owner, owner)
	o.Owner = owner
	m.touch(o)
}

// renameInACL replaces role from by to in o's ACL and its columns', as
// grantee and as grantor; it reports whether from was in any.
func (m *Model) renameInACL(o *Object, from, to string) bool {
	changed := false
	if o.grants == nil { // every entry granted by the owner
		changed = o.ACL.move(from, to)
		for _, a := range o.Columns {
			changed = a.move(from, to) || changed
		}
		return changed
	}
	changed = o.grants.rename(from, to)
	for _, it := range o.colGrants {
		changed = it.rename(from, to) || changed
	}
	o.sync(nil)
	return changed
}

func (m *Model) alterOwner(a *pg_query.AlterOwnerStmt) {
	k, ok := grantKind(a.ObjectType)
	if !ok {
		return
	}
	var objs []*Object
	var name string
	if owa := a.Object.GetObjectWithArgs(); owa != nil {
		r := m.funcRef(owa)
		name = r.name
		fs, ok := m.funcs(r, a.ObjectType)
		if !ok {
			return
		}
		objs = fs
	} else {
		name = a.Object.GetString_().GetSval()
		if o := m.objects[objKey(k, "", name)]; o != nil {
			objs = append(objs, o)
		}
	}
	if len(objs) == 0 {
		m.note("ALTER %s %s OWNER: not created by any migration", k, name)
		return
	}
	for _, o := range objs {
		m.setOwner(o, roleName(a.Newowner, m))
	}
}

func (m *Model) alterTable(a *pg_query.AlterTableStmt) bool {
	switch a.Objtype {
	case pg_query.ObjectType_OBJECT_INDEX, pg_query.ObjectType_OBJECT_TYPE:
		return false
	}
	o, sc, name := m.rangeVar(a.Relation)
	grant := false
	for _, c := range a.Cmds {
		cmd := c.GetAlterTableCmd()
		switch cmd.GetSubtype() {
		case pg_query.AlterTableType_AT_ChangeOwner:
			grant = true
			if o == nil {
				if !a.MissingOk {
					m.note("ALTER TABLE %s.%s OWNER: not created by any migration", sc, name)
				}
				continue
			}
			owner := roleName(cmd.Newowner, m)
			m.setOwner(o, owner)
			for _, s := range m.ownedSeqs(o, "") { // owned sequences follow the table
				m.setOwner(s, owner)
			}
		case pg_query.AlterTableType_AT_AddColumn:
			cd := cmd.Def.GetColumnDef()
			if o == nil || o.Kind != Table || cd == nil {
				continue
			}
			if cmd.MissingOk && len(m.ownedSeqs(o, cd.Colname)) > 0 {
				continue // ADD COLUMN IF NOT EXISTS of a serial column that is there
			}
			m.serialColumn(o, cd)
		case pg_query.AlterTableType_AT_AddIdentity:
			if o != nil && o.Kind == Table {
				m.identitySeq(o, cmd.Name, cmd.Def.GetConstraint().GetOptions())
			}
		case pg_query.AlterTableType_AT_EnableRowSecurity, pg_query.AlterTableType_AT_DisableRowSecurity,
			pg_query.AlterTableType_AT_ForceRowSecurity, pg_query.AlterTableType_AT_NoForceRowSecurity:
			if o == nil {
				o = m.rowSecurityTable(a.Relation, a.MissingOk)
			}
			if o != nil && o.Kind == Table && (o.Rel == RelTable || o.Assumed) {
				m.rowSecurity(o, cmd.GetSubtype())
			}
		case pg_query.AlterTableType_AT_SetRelOptions, pg_query.AlterTableType_AT_ResetRelOptions,
			pg_query.AlterTableType_AT_ReplaceRelOptions:
			if o != nil && o.Kind == Table && o.Rel == RelView {
				m.viewOptions(o, cmd.Def.GetList().GetItems(), cmd.GetSubtype())
			}
		case pg_query.AlterTableType_AT_DropIdentity:
			if o != nil {
				for _, s := range m.ownedSeqs(o, cmd.Name) {
					m.dropObject(s)
				}
			}
		case pg_query.AlterTableType_AT_DropColumn:
			if o == nil {
				continue
			}
			for _, s := range m.ownedSeqs(o, cmd.Name) {
				m.dropObject(s)
			}
			if o.acl(""); o.colGrants[cmd.Name] != nil {
				delete(o.colGrants, cmd.Name)
				o.syncColumns()
				m.touch(o)
			}
		}
	}
	return grant
}

// move re-keys o into schema sc (and its owned sequences with a table).
func (m *Model) move(o *Object, sc string) {
	seqs := []*Object(nil)
	if o.Kind == Table {
		seqs = m.ownedSeqs(o, "")
	}
	m.del(o)
	o.Schema = sc
	m.put(o)
	m.touch(o)
	for _, s := range seqs {
		m.move(s, sc)
	}
}

// setSchema is ALTER TABLE|VIEW|SEQUENCE|FUNCTION ... SET SCHEMA.
func (m *Model) setSchema(a *pg_query.AlterObjectSchemaStmt) {
	var objs []*Object
	switch a.ObjectType {
	case pg_query.ObjectType_OBJECT_TABLE, pg_query.ObjectType_OBJECT_VIEW, pg_query.ObjectType_OBJECT_MATVIEW,
		pg_query.ObjectType_OBJECT_FOREIGN_TABLE, pg_query.ObjectType_OBJECT_SEQUENCE:
		if o, _, _ := m.rangeVar(a.Relation); o != nil {
			objs = append(objs, o)
		}
	case pg_query.ObjectType_OBJECT_FUNCTION, pg_query.ObjectType_OBJECT_PROCEDURE, pg_query.ObjectType_OBJECT_ROUTINE:
		fs, ok := m.funcs(m.funcRef(a.Object.GetObjectWithArgs()), a.ObjectType)
		if !ok {
			return
		}
		objs = fs
	default:
		return
	}
	if len(objs) == 0 {
		if !a.MissingOk {
			m.note("ALTER ... SET SCHEMA %s: the object is not created by any migration", a.Newschema)
		}
		return
	}
	m.ensureSchema(a.Newschema)
	for _, o := range objs {
		if m.objects[objKey(o.Kind, a.Newschema, o.Name)] != nil || o.Kind != Function && m.relAt(a.Newschema, o.Name) != nil {
			m.note("%s %s already exists in schema %s; PostgreSQL would fail here", o.Kind, o.Name, a.Newschema)
			continue
		}
		m.move(o, a.Newschema)
	}
}

func (m *Model) rename(r *pg_query.RenameStmt) {
	switch r.RenameType {
	case pg_query.ObjectType_OBJECT_ROLE:
		m.renameRole(r.Subname, r.Newname)
	case pg_query.ObjectType_OBJECT_TABLE, pg_query.ObjectType_OBJECT_VIEW, pg_query.ObjectType_OBJECT_SEQUENCE,
		pg_query.ObjectType_OBJECT_MATVIEW, pg_query.ObjectType_OBJECT_FOREIGN_TABLE:
		o, _, _ := m.rangeVar(r.Relation)
		if o == nil {
			if !r.MissingOk {
				m.note("ALTER ... RENAME TO %s: %s is not created by any migration", r.Newname, r.Relation.GetRelname())
			}
			return
		}
		m.del(o)
		o.Name = r.Newname
		m.put(o)
		m.touch(o)
	case pg_query.ObjectType_OBJECT_FUNCTION, pg_query.ObjectType_OBJECT_PROCEDURE, pg_query.ObjectType_OBJECT_ROUTINE:
		fs, _ := m.funcs(m.funcRef(r.Object.GetObjectWithArgs()), r.RenameType)
		for _, o := range fs {
			m.del(o)
			o.fname = r.Newname
			o.Name = funcName(o.fname, o.args)
			if o.argsUnknown {
				o.Name = o.fname
			}
			m.put(o)
			m.touch(o)
		}
	case pg_query.ObjectType_OBJECT_COLUMN:
		o, _, _ := m.rangeVar(r.Relation)
		if o == nil {
			return
		}
		o.acl("")
		if it := o.colGrants[r.Subname]; it != nil {
			delete(o.colGrants, r.Subname)
			o.colGrants[r.Newname] = it
			o.syncColumns()
			m.touch(o)
		}
		for _, s := range m.ownedSeqs(o, r.Subname) {
			s.ownedCol = r.Newname
		}
	case pg_query.ObjectType_OBJECT_SCHEMA:
		m.renameSchema(r.Subname, r.Newname)
	case pg_query.ObjectType_OBJECT_POLICY:
		m.renamePolicy(r)
	case pg_query.ObjectType_OBJECT_DATABASE:
		if o := m.objects[objKey(Database, "", r.Subname)]; o != nil {
			m.del(o)
			o.Name = r.Newname
			m.put(o)
			m.touch(o)
			if m.Database == r.Subname {
				m.Database = r.Newname
			}
		}
	}
}

// renameSchema is ALTER SCHEMA old RENAME TO new: its objects and the
// default privileges for it go along.
func (m *Model) renameSchema(old, new string) {
	sch := m.objects[objKey(Schema, "", old)]
	if sch == nil {
		m.note("ALTER SCHEMA %s RENAME: the schema is not created by any migration", old)
		return
	}
	m.del(sch)
	sch.Name = new
	m.put(sch)
	m.touch(sch)
	var objs []*Object
	for _, o := range m.objects {
		if o.Schema == old {
			objs = append(objs, o)
		}
	}
	sortObjects(objs)
	for _, o := range objs {
		m.del(o)
		o.Schema = new
		m.put(o)
		m.touch(o)
	}
	for key, d := range m.defaults {
		if d.Schema == old {
			delete(m.defaults, key)
			d.Schema = new
			m.defaults[defaultsKey(d.Role, d.Schema, d.Kind)] = d
		}
	}
}
