package access

import (
	"slices"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// Roles: CREATE, ALTER, DROP and RENAME ROLE, memberships (GRANT and REVOKE
// role), DROP OWNED.

func (m *Model) createRole(cr *pg_query.CreateRoleStmt) {
	if old := m.Roles[cr.Role]; old != nil && (!old.External || cr.Role == m.User) {
		// PostgreSQL refuses the statement: the role, and what was
		// granted to it, stay as they are.
		m.note("role %s is created twice; PostgreSQL would fail here, the model leaves it out", cr.Role)
		return
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
				m.addMember(roleName(it.GetRoleSpec(), m), r.Name, false, nil)
			}
		case "rolemembers": // ROLE x: x becomes a member of r
			for _, it := range list {
				m.addMember(r.Name, roleName(it.GetRoleSpec(), m), false, nil)
			}
		case "adminmembers":
			for _, it := range list {
				m.addMember(r.Name, roleName(it.GetRoleSpec(), m), true, nil)
			}
		}
	}
}

// alterRole is ALTER ROLE (attributes) and ALTER GROUP g ADD|DROP USER.
func (m *Model) alterRole(a *pg_query.AlterRoleStmt) {
	r := m.role(roleName(a.Role, m))
	if r == nil {
		return
	}
	m.roleOptions(r, a.Options)
	for _, o := range a.Options {
		d := o.GetDefElem()
		if d == nil || d.Defname != "rolemembers" {
			continue
		}
		for _, it := range d.Arg.GetList().GetItems() {
			member := roleName(it.GetRoleSpec(), m)
			if a.Action < 0 {
				m.revokeMember(r.Name, member, nil)
			} else {
				m.addMember(r.Name, member, false, nil)
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
	if o := m.firstObject(func(o *Object) bool { return o.Owner == name }); o != nil {
		m.note("DROP ROLE %s: it still owns %s %s; PostgreSQL would refuse", name, o.Kind, o.QualifiedName())
		return
	}
	if o := m.firstObject(func(o *Object) bool { return m.mentions(o, name) }); o != nil {
		m.note("DROP ROLE %s: it still has privileges on %s %s (or granted some); PostgreSQL would refuse", name, o.Kind, o.QualifiedName())
		return
	}
	for _, d := range m.Defaults() {
		if d.Role == name || len(d.ACL[name]) > 0 {
			m.note("DROP ROLE %s: default privileges still name it; PostgreSQL would refuse", name)
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
	for k, d := range m.defaults {
		delete(d.ACL, name)
		if d.Role == name {
			delete(m.defaults, k)
		}
	}
}

// mentions reports whether role is a grantee or grantor in o's ACL or a
// column's.
func (m *Model) mentions(o *Object, role string) bool {
	if o.grants == nil { // every entry granted by the owner
		if _, ok := o.ACL[role]; ok || role == o.Owner && len(o.ACL) > 0 {
			return true
		}
		for _, a := range o.Columns {
			if _, ok := a[role]; ok || role == o.Owner && len(a) > 0 {
				return true
			}
		}
		return false
	}
	in := func(it items) bool {
		if it[role] != nil {
			return true
		}
		for _, byGrantor := range it {
			if byGrantor[role] != nil {
				return true
			}
		}
		return false
	}
	if in(o.grants) {
		return true
	}
	for _, it := range o.colGrants {
		if in(it) {
			return true
		}
	}
	return false
}

func (m *Model) membership(role, member string) *Membership {
	for _, ms := range m.Memberships {
		if ms.Role == role && ms.Member == member {
			return ms
		}
	}
	return nil
}

// addMember is GRANT role TO member; inherit, when not nil, is the grant's
// INHERIT option (a new membership inherits by default, an existing one
// keeps its option).
func (m *Model) addMember(role, member string, admin bool, inherit *bool) {
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
	if ms := m.membership(role, member); ms != nil {
		ms.Admin = ms.Admin || admin
		if inherit != nil {
			ms.Inherit = *inherit
		}
		return
	}
	ms := &Membership{Role: role, Member: member, Admin: admin, Inherit: true, Where: m.pos}
	if inherit != nil {
		ms.Inherit = *inherit
	}
	m.Memberships = append(m.Memberships, ms)
}

// revokeMember is REVOKE role FROM member (ALTER GROUP role DROP USER
// member), or with options (REVOKE ADMIN OPTION FOR ...) only takes those
// options away and keeps the membership.
func (m *Model) revokeMember(role, member string, options []string) {
	ms := m.membership(role, member)
	if ms == nil {
		m.note("REVOKE %s FROM %s: %s is not a member of %s (PostgreSQL warns and does nothing)", role, member, member, role)
		return
	}
	if len(options) == 0 {
		m.Memberships = slices.DeleteFunc(m.Memberships, func(x *Membership) bool { return x == ms })
		return
	}
	for _, o := range options {
		switch o {
		case "admin":
			ms.Admin = false
		case "inherit":
			ms.Inherit = false
		default:
			m.note("REVOKE %s OPTION FOR %s FROM %s: the option is not modelled", strings.ToUpper(o), role, member)
		}
	}
}

func contains(ss []string, s string) bool {
	return slices.Contains(ss, s)
}

// grantRole is GRANT role TO member [WITH ADMIN OPTION | WITH INHERIT x]
// and REVOKE [ADMIN OPTION FOR | INHERIT OPTION FOR] role FROM member.
func (m *Model) grantRole(g *pg_query.GrantRoleStmt) {
	admin := false
	var inherit *bool
	var options []string // REVOKE x OPTION FOR: the options revoked
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
		options = append(options, d.Defname)
		switch d.Defname {
		case "admin":
			admin = val
		case "inherit":
			inherit = &val
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
			} else {
				m.revokeMember(role, member, options)
			}
		}
	}
}

// renameRole is ALTER ROLE old RENAME TO new: memberships, ownership,
// privileges and default privileges go along.
func (m *Model) renameRole(old, new string) {
	ro := m.Roles[old]
	if ro == nil {
		m.note("ALTER ROLE %s RENAME: the role does not exist here", old)
		return
	}
	delete(m.Roles, old)
	ro.Name = new
	m.Roles[new] = ro
	for _, ms := range m.Memberships {
		if ms.Role == old {
			ms.Role = new
		}
		if ms.Member == old {
			ms.Member = new
		}
	}
	for _, o := range m.objects {
		changed := m.renameInACL(o, old, new)
		if o.Owner == old {
			o.Owner = new
			changed = true
		}
		if changed {
			m.touch(o)
		}
	}
	for key, d := range m.defaults {
		d.ACL.move(old, new)
		if d.Role == old {
			delete(m.defaults, key)
			d.Role = new
			m.defaults[defaultsKey(d.Role, d.Schema, d.Kind)] = d
		}
	}
	m.renameInPolicies(old, new)
	if m.current == old {
		m.current = new
	}
	if m.session == old {
		m.session = new
	}
}

// dropOwned is DROP OWNED BY: the role's objects in this database are
// dropped, its default privileges removed, and on every other object what
// it holds is revoked as PostgreSQL does it: REVOKE ALL ... FROM role
// CASCADE, run by the current role (a superuser acts as the owner, so what
// other roles granted it stays).
func (m *Model) dropOwned(role string) {
	for _, o := range m.Objects() {
		if o.Owner == role && o.Kind != Database && m.objects[objKey(o.Kind, o.Schema, o.Name)] == o {
			m.dropObject(o)
		}
	}
	for _, o := range m.Objects() {
		if (o.Kind != Database || o.Name == m.Database) && m.mentions(o, role) {
			m.changeACL(o, kindPrivs[o.Kind], true, nil, aclChange{grantees: []string{role}, cascade: true, quiet: true})
		}
	}
	for key, d := range m.defaults {
		delete(d.ACL, role)
		if d.Role == role {
			delete(m.defaults, key)
		}
	}
}
