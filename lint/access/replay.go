package access

import (
	"fmt"
	"slices"
	"strings"

	"github.com/grantguard/grantguard/lint"
	pg_query "github.com/pganalyze/pg_query_go/v5"
)

var sprintf = fmt.Sprintf

// Step is one applied statement, handed to a Replay observer after the
// model has changed.
type Step struct {
	Pos
	Stmt *lint.Stmt
	// Grant is set for statements that hand out privileges, membership,
	// ownership or role attributes: the statements a policy finding is
	// reported at.
	Grant bool
}

// Replay applies the migrations, in the order given (see Order), to a fresh
// model of database db migrated by superuser user. observe, when not nil,
// is called after every statement.
func Replay(ms []Migration, user, db string, observe func(*Model, Step)) *Model {
	m := NewModel(user, db)
	for _, mig := range ms {
		m.current, m.searchPath = user, "public" // each migration is a new session
		stmts, probs := lint.ParseSQLFile(UpPart(mig.Src))
		lines := lint.NewLineIndex(mig.Src)
		at := func(off int) Pos {
			line, _ := lines.Position(off)
			return Pos{mig.Path, off, line}
		}
		for _, p := range probs {
			m.pos = at(p.Offset)
			m.note("statement not parsed (%s); what it does is not in the model", p.Message)
		}
		for _, st := range stmts {
			m.pos = at(st.Offset)
			grant := m.apply(st.Stmt.Node)
			if observe != nil {
				observe(m, Step{Pos: m.pos, Stmt: st.Stmt, Grant: grant})
			}
			m.changed, m.created = m.changed[:0], nil
		}
	}
	return m
}

func roleName(r *pg_query.RoleSpec, m *Model) string {
	switch r.GetRoletype() {
	case pg_query.RoleSpecType_ROLESPEC_PUBLIC:
		return Public
	case pg_query.RoleSpecType_ROLESPEC_CURRENT_USER, pg_query.RoleSpecType_ROLESPEC_CURRENT_ROLE,
		pg_query.RoleSpecType_ROLESPEC_SESSION_USER:
		return m.current
	}
	return r.GetRolename()
}

// role returns the named role, creating an external one (with a note) when
// no migration created it.
func (m *Model) role(name string) *Role {
	if name == Public {
		return nil
	}
	r := m.Roles[name]
	if r == nil {
		r = &Role{Name: name, External: true, Attrs: map[string]bool{"INHERIT": true}, Where: m.pos}
		m.Roles[name] = r
		if !strings.HasPrefix(name, "pg_") {
			m.note("role %s is used but not created by any migration; assumed to exist with default attributes", name)
		}
	}
	return r
}

func strs(ns []*pg_query.Node) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.GetString_().GetSval())
	}
	return out
}

// split returns schema and name of a possibly qualified name.
func (m *Model) split(names []string) (string, string) {
	switch len(names) {
	case 0:
		return "", ""
	case 1:
		return m.searchPath, names[0]
	}
	return names[len(names)-2], names[len(names)-1]
}

func (m *Model) rangeVar(rv *pg_query.RangeVar) (string, string) {
	s := rv.GetSchemaname()
	if s == "" {
		s = m.searchPath
	}
	return s, rv.GetRelname()
}

// apply applies one statement; it reports whether it is a grant-like one.
func (m *Model) apply(n *pg_query.Node) bool {
	switch s := n.Node.(type) {
	case *pg_query.Node_CreateRoleStmt:
		m.createRole(s.CreateRoleStmt)
		return true
	case *pg_query.Node_AlterRoleStmt:
		r := m.role(roleName(s.AlterRoleStmt.Role, m))
		if r != nil {
			m.roleOptions(r, s.AlterRoleStmt.Options)
		}
		return true
	case *pg_query.Node_DropRoleStmt:
		for _, rn := range s.DropRoleStmt.Roles {
			m.dropRole(roleName(rn.GetRoleSpec(), m), s.DropRoleStmt.MissingOk)
		}
	case *pg_query.Node_GrantRoleStmt:
		m.grantRole(s.GrantRoleStmt)
		return true
	case *pg_query.Node_GrantStmt:
		m.grant(s.GrantStmt, nil)
		return true
	case *pg_query.Node_AlterDefaultPrivilegesStmt:
		m.alterDefaults(s.AlterDefaultPrivilegesStmt)
		return true
	case *pg_query.Node_CreateSchemaStmt:
		cs := s.CreateSchemaStmt
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
		}
		saved := m.searchPath
		m.searchPath = name
		for _, e := range cs.SchemaElts {
			m.apply(e)
		}
		m.searchPath = saved
		return cs.Authrole != nil
	case *pg_query.Node_CreatedbStmt:
		owner := m.current
		for _, o := range s.CreatedbStmt.Options {
			if d := o.GetDefElem(); d != nil && d.Defname == "owner" {
				owner = defRole(d, m)
			}
		}
		m.create(Database, "", s.CreatedbStmt.Dbname, owner)
	case *pg_query.Node_CreateStmt:
		m.createTable(s.CreateStmt)
	case *pg_query.Node_CreateForeignTableStmt:
		m.createTable(s.CreateForeignTableStmt.BaseStmt)
	case *pg_query.Node_ViewStmt:
		sc, name := m.rangeVar(s.ViewStmt.View)
		if m.objects[objKey(Table, sc, name)] == nil {
			m.create(Table, sc, name, m.current)
		}
	case *pg_query.Node_CreateTableAsStmt:
		sc, name := m.rangeVar(s.CreateTableAsStmt.Into.GetRel())
		m.create(Table, sc, name, m.current)
	case *pg_query.Node_CreateSeqStmt:
		sc, name := m.rangeVar(s.CreateSeqStmt.Sequence)
		m.create(Sequence, sc, name, m.current)
	case *pg_query.Node_CreateFunctionStmt:
		sc, name := m.split(strs(s.CreateFunctionStmt.Funcname))
		if m.objects[objKey(Function, sc, name)] == nil {
			m.create(Function, sc, name, m.current)
		}
	case *pg_query.Node_DropStmt:
		m.drop(s.DropStmt)
	case *pg_query.Node_AlterOwnerStmt:
		m.alterOwner(s.AlterOwnerStmt)
		return true
	case *pg_query.Node_AlterTableStmt:
		return m.alterTable(s.AlterTableStmt)
	case *pg_query.Node_RenameStmt:
		m.rename(s.RenameStmt)
	case *pg_query.Node_ReassignOwnedStmt:
		to := roleName(s.ReassignOwnedStmt.Newrole, m)
		m.role(to)
		for _, rn := range s.ReassignOwnedStmt.Roles {
			from := roleName(rn.GetRoleSpec(), m)
			for _, o := range m.objects {
				if o.Owner == from && o.Kind != Database {
					m.setOwner(o, to)
				}
			}
		}
		return true
	case *pg_query.Node_DropOwnedStmt:
		for _, rn := range s.DropOwnedStmt.Roles {
			m.dropOwned(roleName(rn.GetRoleSpec(), m))
		}
	case *pg_query.Node_VariableSetStmt:
		m.set(s.VariableSetStmt)
	case *pg_query.Node_DoStmt, *pg_query.Node_TransactionStmt, *pg_query.Node_SelectStmt,
		*pg_query.Node_InsertStmt, *pg_query.Node_UpdateStmt, *pg_query.Node_DeleteStmt, *pg_query.Node_IndexStmt,
		*pg_query.Node_CommentStmt:
	}
	return false
}

func defRole(d *pg_query.DefElem, m *Model) string {
	if rs := d.Arg.GetRoleSpec(); rs != nil {
		return roleName(rs, m)
	}
	return d.Arg.GetString_().GetSval()
}

func (m *Model) set(v *pg_query.VariableSetStmt) {
	switch lower(v.Name) {
	case "role":
		if v.Kind == pg_query.VariableSetKind_VAR_RESET || v.Kind == pg_query.VariableSetKind_VAR_SET_DEFAULT {
			m.current = m.User
			return
		}
		if len(v.Args) == 1 {
			name := v.Args[0].GetAConst().GetSval().GetSval()
			if lower(name) == "none" {
				m.current = m.User
			} else if name != "" {
				m.role(name)
				m.current = name
			}
		}
	case "search_path":
		if v.Kind == pg_query.VariableSetKind_VAR_RESET || v.Kind == pg_query.VariableSetKind_VAR_SET_DEFAULT {
			m.searchPath = "public"
			return
		}
		for _, a := range v.Args {
			s := a.GetAConst().GetSval().GetSval()
			if s != "" && s != "$user" && s != "pg_catalog" {
				m.searchPath = s
				return
			}
		}
	}
}

func (m *Model) createRole(cr *pg_query.CreateRoleStmt) {
	if old := m.Roles[cr.Role]; old != nil && !old.External {
		m.note("role %s is created twice; PostgreSQL would fail here", cr.Role)
	}
	r := &Role{Name: cr.Role, Attrs: map[string]bool{"INHERIT": true}, Where: m.pos}
	// CREATE USER is CREATE ROLE ... LOGIN.
	if cr.StmtType == pg_query.RoleStmtType_ROLESTMT_USER {
		r.Attrs["LOGIN"] = true
	}
	m.Roles[r.Name] = r
	m.roleOptions(r, cr.Options)
	for _, o := range cr.Options {
		d := o.GetDefElem()
		if d == nil {
			continue
		}
		list := d.Arg.GetList().GetItems()
		switch d.Defname {
		case "addroleto": // IN ROLE x: r becomes a member of x
			for _, it := range list {
				m.addMember(roleName(it.GetRoleSpec(), m), r.Name, false, true)
			}
		case "rolemembers": // ROLE x: x becomes a member of r
			for _, it := range list {
				m.addMember(r.Name, roleName(it.GetRoleSpec(), m), false, true)
			}
		case "adminmembers":
			for _, it := range list {
				m.addMember(r.Name, roleName(it.GetRoleSpec(), m), true, true)
			}
		}
	}
}

var roleAttrs = map[string]string{"superuser": "SUPERUSER", "createdb": "CREATEDB", "createrole": "CREATEROLE",
	"inherit": "INHERIT", "canlogin": "LOGIN", "isreplication": "REPLICATION", "bypassrls": "BYPASSRLS"}

func (m *Model) roleOptions(r *Role, opts []*pg_query.Node) {
	for _, o := range opts {
		d := o.GetDefElem()
		if d == nil {
			continue
		}
		if a, ok := roleAttrs[d.Defname]; ok {
			on := true
			if b := d.Arg.GetBoolean(); b != nil {
				on = b.Boolval
			} else if i := d.Arg.GetInteger(); i != nil {
				on = i.Ival != 0
			}
			if on {
				r.Attrs[a] = true
			} else {
				delete(r.Attrs, a)
			}
		}
		if d.Defname == "validUntil" {
			r.ValidUntil = d.Arg.GetString_().GetSval()
		}
	}
}

func (m *Model) dropRole(name string, missingOK bool) {
	if m.Roles[name] == nil {
		if !missingOK {
			m.note("DROP ROLE %s: the role does not exist here", name)
		}
		return
	}
	for _, o := range m.objects {
		if o.Owner == name {
			m.note("DROP ROLE %s: it still owns %s %s; PostgreSQL would refuse", name, o.Kind, o.QualifiedName())
			return
		}
	}
	delete(m.Roles, name)
	kept := m.Memberships[:0]
	for _, ms := range m.Memberships {
		if ms.Role != name && ms.Member != name {
			kept = append(kept, ms)
		}
	}
	m.Memberships = kept
	for _, o := range m.objects {
		delete(o.ACL, name)
	}
	for k, d := range m.defaults {
		delete(d.ACL, name)
		if d.Role == name {
			delete(m.defaults, k)
		}
	}
}

func (m *Model) addMember(role, member string, admin, inherit bool) {
	if role == Public || member == Public {
		m.note("PUBLIC cannot be a role member")
		return
	}
	m.role(role)
	m.role(member)
	if role == member || contains(m.Reachable(role, false), member) {
		m.note("GRANT %s TO %s would make a membership cycle; PostgreSQL refuses it, the model leaves it out", role, member)
		return
	}
	for _, ms := range m.Memberships {
		if ms.Role == role && ms.Member == member {
			ms.Admin = ms.Admin || admin
			ms.Inherit = inherit
			return
		}
	}
	m.Memberships = append(m.Memberships, &Membership{Role: role, Member: member, Admin: admin, Inherit: inherit, Where: m.pos})
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func (m *Model) grantRole(g *pg_query.GrantRoleStmt) {
	admin, inherit, hasInherit := false, true, false
	for _, o := range g.Opt {
		d := o.GetDefElem()
		if d == nil {
			continue
		}
		val := true
		if s := d.Arg.GetString_(); s != nil {
			val = lower(s.Sval) == "true" || lower(s.Sval) == "on"
		} else if b := d.Arg.GetBoolean(); b != nil {
			val = b.Boolval
		}
		switch d.Defname {
		case "admin":
			admin = val
		case "inherit":
			inherit, hasInherit = val, true
		}
	}
	for _, gr := range g.GrantedRoles {
		role := gr.GetAccessPriv().GetPrivName()
		if role == "" {
			role = roleName(gr.GetRoleSpec(), m)
		}
		for _, ge := range g.GranteeRoles {
			member := roleName(ge.GetRoleSpec(), m)
			if g.IsGrant {
				m.addMember(role, member, admin, inherit)
				continue
			}
			for i, ms := range m.Memberships {
				if ms.Role != role || ms.Member != member {
					continue
				}
				switch {
				case admin:
					ms.Admin = false
				case hasInherit:
					ms.Inherit = true
				default:
					m.Memberships = append(m.Memberships[:i], m.Memberships[i+1:]...)
				}
				break
			}
		}
	}
}

// privNames returns the privileges of a GRANT/REVOKE on kind k: the listed
// ones, or every privilege of k for ALL. Column privileges are left out
// (with a note).
func (m *Model) privNames(g *pg_query.GrantStmt, k Kind) []string {
	if len(g.Privileges) == 0 {
		return kindPrivs[k]
	}
	var out []string
	for _, p := range g.Privileges {
		ap := p.GetAccessPriv()
		if len(ap.GetCols()) > 0 {
			m.note("column privileges (%s (...)) are not modelled", strings.ToUpper(ap.GetPrivName()))
			continue
		}
		name := strings.ToUpper(ap.GetPrivName())
		switch name {
		case "", "ALL":
			out = append(out, kindPrivs[k]...)
		case "TEMP":
			out = append(out, "TEMPORARY")
		default:
			if !validPriv(k, name) {
				m.note("%s is not a privilege of a %s; PostgreSQL refuses the statement, the model leaves it out", name, k)
				return nil
			}
			out = append(out, name)
		}
	}
	return out
}

// validPriv reports whether PostgreSQL accepts privilege p in a GRANT or
// REVOKE on kind k. GRANT ... ON TABLE also names sequences, so it accepts
// the sequence privileges too.
func validPriv(k Kind, p string) bool {
	if slices.Contains(kindPrivs[k], p) {
		return true
	}
	return k == Table && slices.Contains(kindPrivs[Sequence], p)
}

func grantKind(t pg_query.ObjectType) (Kind, bool) {
	switch t {
	case pg_query.ObjectType_OBJECT_TABLE:
		return Table, true
	case pg_query.ObjectType_OBJECT_SEQUENCE:
		return Sequence, true
	case pg_query.ObjectType_OBJECT_SCHEMA:
		return Schema, true
	case pg_query.ObjectType_OBJECT_DATABASE:
		return Database, true
	case pg_query.ObjectType_OBJECT_FUNCTION, pg_query.ObjectType_OBJECT_PROCEDURE, pg_query.ObjectType_OBJECT_ROUTINE:
		return Function, true
	}
	return "", false
}

// targets returns the objects a GRANT names, creating (with a note) those
// no migration created.
func (m *Model) targets(g *pg_query.GrantStmt, k Kind) []*Object {
	var out []*Object
	if g.Targtype == pg_query.GrantTargetType_ACL_TARGET_ALL_IN_SCHEMA {
		for _, sn := range g.Objects {
			sc := sn.GetString_().GetSval()
			for _, o := range m.objects {
				if o.Kind == k && o.Schema == sc {
					out = append(out, o)
				}
			}
		}
		return out
	}
	for _, on := range g.Objects {
		var sc, name string
		switch {
		case on.GetRangeVar() != nil:
			sc, name = m.rangeVar(on.GetRangeVar())
		case on.GetObjectWithArgs() != nil:
			sc, name = m.split(strs(on.GetObjectWithArgs().Objname))
		default:
			name = on.GetString_().GetSval()
		}
		kk := k
		if k == Table && m.objects[objKey(Table, sc, name)] == nil && m.objects[objKey(Sequence, sc, name)] != nil {
			kk = Sequence // GRANT ... ON TABLE works on sequences too
		}
		o := m.objects[objKey(kk, sc, name)]
		if o == nil {
			q := name
			if sc != "" {
				q = sc + "." + name
			}
			if kk != Database { // databases are rarely created by migrations
				m.note("%s %s is not created by any migration; assumed to exist, owned by %s", kk, q, m.User)
			}
			o = m.create(kk, sc, name, m.User)
		}
		out = append(out, o)
	}
	return out
}

func (m *Model) grant(g *pg_query.GrantStmt, _ any) {
	k, ok := grantKind(g.Objtype)
	if !ok {
		m.note("privileges on %s are not modelled", strings.ToLower(strings.TrimPrefix(g.Objtype.String(), "OBJECT_")))
		return
	}
	privs := m.privNames(g, k)
	for _, o := range m.targets(g, k) {
		ps := privs
		if o.Kind != k { // a sequence named in GRANT ... ON TABLE
			ps = intersect(privs, kindPrivs[o.Kind])
		}
		m.touch(o)
		for _, ge := range g.Grantees {
			grantee := roleName(ge.GetRoleSpec(), m)
			m.role(grantee)
			if g.IsGrant {
				o.ACL.grant(grantee, ps, g.GrantOption)
			} else if !o.ACL.revoke(grantee, ps, g.GrantOption) {
				m.note("REVOKE on %s %s from %s: nothing of it was granted", o.Kind, o.QualifiedName(), grantee)
			}
		}
	}
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		if contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func (m *Model) alterDefaults(a *pg_query.AlterDefaultPrivilegesStmt) {
	var schemas, roles []string
	for _, o := range a.Options {
		d := o.GetDefElem()
		for _, it := range d.GetArg().GetList().GetItems() {
			switch d.Defname {
			case "schemas":
				schemas = append(schemas, it.GetString_().GetSval())
			case "roles":
				roles = append(roles, roleName(it.GetRoleSpec(), m))
			}
		}
	}
	if len(roles) == 0 {
		roles = []string{m.current}
	}
	if len(schemas) == 0 {
		schemas = []string{""}
	}
	g := a.Action
	var k Kind
	switch g.Objtype {
	case pg_query.ObjectType_OBJECT_TABLE:
		k = Table
	case pg_query.ObjectType_OBJECT_SEQUENCE:
		k = Sequence
	case pg_query.ObjectType_OBJECT_FUNCTION, pg_query.ObjectType_OBJECT_PROCEDURE, pg_query.ObjectType_OBJECT_ROUTINE:
		k = Function
	case pg_query.ObjectType_OBJECT_SCHEMA:
		k = Schema
	default:
		m.note("default privileges on %s are not modelled", strings.ToLower(strings.TrimPrefix(g.Objtype.String(), "OBJECT_")))
		return
	}
	privs := m.privNames(g, k)
	for _, r := range roles {
		m.role(r)
		for _, sc := range schemas {
			key := r + "\x00" + sc + "\x00" + string(k)
			d := m.defaults[key]
			if d == nil {
				d = &DefaultACL{Role: r, Schema: sc, Kind: k, ACL: ACL{}}
				if sc == "" {
					d.ACL = aclDefault(k, r)
				}
				m.defaults[key] = d
			}
			for _, ge := range g.Grantees {
				grantee := roleName(ge.GetRoleSpec(), m)
				m.role(grantee)
				if g.IsGrant {
					d.ACL.grant(grantee, privs, g.GrantOption)
				} else {
					d.ACL.revoke(grantee, privs, g.GrantOption)
				}
			}
		}
	}
}

// create adds an object owned by owner with the privileges PostgreSQL gives
// a new object: the owner's global default privileges for the kind (else
// the built-in default) merged with those for the schema.
func (m *Model) create(k Kind, schema, name, owner string) *Object {
	m.role(owner)
	if schema != "" && m.objects[objKey(Schema, "", schema)] == nil {
		m.note("schema %s is not created by any migration; assumed to exist, owned by %s", schema, m.User)
		sch := &Object{Kind: Schema, Name: schema, Owner: m.User, ACL: aclDefault(Schema, m.User)}
		m.objects[objKey(Schema, "", schema)] = sch
		m.touch(sch)
	}
	acl := aclDefault(k, owner)
	if k != Database {
		if d := m.defaults[owner+"\x00\x00"+string(k)]; d != nil {
			acl = d.ACL.clone()
		}
		if schema != "" {
			if d := m.defaults[owner+"\x00"+schema+"\x00"+string(k)]; d != nil {
				for g, ps := range d.ACL {
					for p, opt := range ps {
						acl.grant(g, []string{p}, opt)
					}
				}
			}
		}
	}
	o := &Object{Kind: k, Schema: schema, Name: name, Owner: owner, ACL: acl}
	m.objects[objKey(k, schema, name)] = o
	m.touch(o)
	if m.created == nil {
		m.created = map[*Object]bool{}
	}
	m.created[o] = true
	return o
}

func (m *Model) createTable(c *pg_query.CreateStmt) {
	sc, name := m.rangeVar(c.Relation)
	if m.objects[objKey(Table, sc, name)] != nil && c.IfNotExists {
		return
	}
	m.create(Table, sc, name, m.current)
	// serial and identity columns create a sequence owned by the table's owner.
	for _, e := range c.TableElts {
		cd := e.GetColumnDef()
		if cd == nil {
			continue
		}
		seq := false
		if tn := strs(cd.GetTypeName().GetNames()); len(tn) == 1 {
			switch lower(tn[0]) {
			case "serial", "bigserial", "smallserial", "serial2", "serial4", "serial8":
				seq = true
			}
		}
		for _, con := range cd.Constraints {
			if con.GetConstraint().GetContype() == pg_query.ConstrType_CONSTR_IDENTITY {
				seq = true
			}
		}
		if seq {
			m.create(Sequence, sc, name+"_"+cd.Colname+"_seq", m.current)
		}
	}
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
		var sc, name string
		switch {
		case on.GetList() != nil:
			sc, name = m.split(strs(on.GetList().Items))
		case on.GetObjectWithArgs() != nil:
			sc, name = m.split(strs(on.GetObjectWithArgs().Objname))
		default:
			name = on.GetString_().GetSval()
		}
		if k == Schema || k == Database {
			sc = ""
		}
		delete(m.objects, objKey(k, sc, name))
		switch k {
		case Schema:
			for key, o := range m.objects {
				if o.Schema == name {
					delete(m.objects, key)
				}
			}
			for key, da := range m.defaults {
				if da.Schema == name {
					delete(m.defaults, key)
				}
			}
		case Table: // owned sequences go with the table
			for key, o := range m.objects {
				if o.Kind == Sequence && o.Schema == sc && strings.HasPrefix(o.Name, name+"_") && strings.HasSuffix(o.Name, "_seq") {
					delete(m.objects, key)
				}
			}
		}
	}
}

func (m *Model) setOwner(o *Object, owner string) {
	m.role(owner)
	old := o.Owner
	// As aclnewowner: the old owner's entries become the new owner's.
	if ps, ok := o.ACL[old]; ok {
		delete(o.ACL, old)
		for p, opt := range ps {
			o.ACL.grant(owner, []string{p}, opt)
		}
	}
	o.Owner = owner
	m.touch(o)
}

func (m *Model) alterOwner(a *pg_query.AlterOwnerStmt) {
	k, ok := grantKind(a.ObjectType)
	if !ok {
		return
	}
	var sc, name string
	switch {
	case a.Object.GetObjectWithArgs() != nil:
		sc, name = m.split(strs(a.Object.GetObjectWithArgs().Objname))
	default:
		name = a.Object.GetString_().GetSval()
	}
	o := m.objects[objKey(k, sc, name)]
	if o == nil {
		m.note("ALTER %s %s OWNER: not created by any migration", k, name)
		return
	}
	m.setOwner(o, roleName(a.Newowner, m))
}

func (m *Model) alterTable(a *pg_query.AlterTableStmt) bool {
	sc, name := m.rangeVar(a.Relation)
	grant := false
	for _, c := range a.Cmds {
		cmd := c.GetAlterTableCmd()
		if cmd.GetSubtype() != pg_query.AlterTableType_AT_ChangeOwner {
			continue
		}
		grant = true
		k := Table
		if a.Objtype == pg_query.ObjectType_OBJECT_SEQUENCE || m.objects[objKey(Table, sc, name)] == nil && m.objects[objKey(Sequence, sc, name)] != nil {
			k = Sequence
		}
		o := m.objects[objKey(k, sc, name)]
		if o == nil {
			m.note("ALTER TABLE %s.%s OWNER: not created by any migration", sc, name)
			continue
		}
		owner := roleName(cmd.Newowner, m)
		m.setOwner(o, owner)
		if k == Table { // owned sequences follow the table
			for _, s := range m.objects {
				if s.Kind == Sequence && s.Schema == sc && strings.HasPrefix(s.Name, name+"_") && strings.HasSuffix(s.Name, "_seq") {
					m.setOwner(s, owner)
				}
			}
		}
	}
	return grant
}

func (m *Model) rename(r *pg_query.RenameStmt) {
	switch r.RenameType {
	case pg_query.ObjectType_OBJECT_ROLE:
		old := r.Subname
		ro := m.Roles[old]
		if ro == nil {
			m.note("ALTER ROLE %s RENAME: the role does not exist here", old)
			return
		}
		delete(m.Roles, old)
		ro.Name = r.Newname
		m.Roles[r.Newname] = ro
		for _, ms := range m.Memberships {
			if ms.Role == old {
				ms.Role = r.Newname
			}
			if ms.Member == old {
				ms.Member = r.Newname
			}
		}
		for _, o := range m.objects {
			if o.Owner == old {
				o.Owner = r.Newname
			}
			if ps, ok := o.ACL[old]; ok {
				delete(o.ACL, old)
				o.ACL[r.Newname] = ps
			}
		}
	case pg_query.ObjectType_OBJECT_TABLE, pg_query.ObjectType_OBJECT_VIEW, pg_query.ObjectType_OBJECT_SEQUENCE:
		sc, name := m.rangeVar(r.Relation)
		for _, k := range []Kind{Table, Sequence} {
			if o := m.objects[objKey(k, sc, name)]; o != nil {
				delete(m.objects, objKey(k, sc, name))
				o.Name = r.Newname
				m.objects[objKey(k, sc, r.Newname)] = o
			}
		}
	}
}

// dropOwned is DROP OWNED BY: the role's objects in this database are
// dropped, and its privileges and default privileges revoked.
func (m *Model) dropOwned(role string) {
	for key, o := range m.objects {
		if o.Owner == role && o.Kind != Database {
			delete(m.objects, key)
			continue
		}
		if o.Kind != Database || o.Name == m.Database {
			delete(o.ACL, role)
		}
	}
	for key, d := range m.defaults {
		delete(d.ACL, role)
		if d.Role == role {
			delete(m.defaults, key)
		}
	}
}
