package access

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/grantguard/grantguard/lint"
	pg_query "github.com/pganalyze/pg_query_go/v5"
)

var sprintf = fmt.Sprintf

// Step is one applied statement, handed to a Replay observer after the
// model has changed.
type Step struct {
	Pos
	// End is the byte after the statement's last in the file.
	End  int
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
		m.newSession() // each migration is a new session
		src := UpPart(mig.Src)
		stmts, probs := lint.ParseSQLFile(src)
		lines := lint.NewLineIndex(mig.Src)
		at := func(off int) Pos {
			line, _ := lines.Position(off)
			return Pos{mig.Path, off, line}
		}
		for _, p := range probs {
			m.pos = at(p.Offset)
			m.note("statement not parsed (%s); what it does is not in the model", p.Message)
		}
		for i, st := range stmts {
			m.pos = at(st.Offset)
			m.inDo = st.InDo
			grant := m.apply(st.Stmt.Node)
			if st.InDo {
				m.dynamicSQL(src, stmts, i)
			}
			if observe != nil {
				observe(m, Step{Pos: m.pos, End: st.End, Stmt: st.Stmt, Grant: grant})
			}
			m.changed, m.created = m.changed[:0], nil
		}
	}
	m.inDo = false
	return m
}

// dynamicSQL notes an EXECUTE in a DO block whose statement is not
// followed: a string built at run time (format(...), ||, a variable) or a
// literal that does not parse. The SQL front end hands an EXECUTE over as
// "SELECT <expression>", followed, one level deeper, by the statements of
// a literal it could read.
func (m *Model) dynamicSQL(src []byte, stmts []lint.SQLStatement, i int) {
	st := stmts[i]
	if st.Stmt.Node.GetSelectStmt() == nil || !executeAt(src, st.Offset) {
		return
	}
	if i+1 < len(stmts) && stmts[i+1].InDo && stmts[i+1].Stmt.Depth > st.Stmt.Depth {
		return
	}
	m.note("EXECUTE in a DO block of a statement built at run time (not a string literal the replay can read): what it runs is not followed")
}

// executeAt reports whether the expression at off in src is the argument of
// a PL/pgSQL EXECUTE (or off is at the EXECUTE keyword itself).
func executeAt(src []byte, off int) bool {
	const kw = "execute"
	if off < 0 || off > len(src) {
		return false
	}
	if e := off + len(kw); e <= len(src) && strings.EqualFold(string(src[off:e]), kw) && (e == len(src) || !identByte(src[e])) {
		return true
	}
	j := off
	for j > 0 && strings.IndexByte(" \t\r\n", src[j-1]) >= 0 {
		j--
	}
	if j < len(kw) || !strings.EqualFold(string(src[j-len(kw):j]), kw) {
		return false
	}
	return j == len(kw) || !identByte(src[j-len(kw)-1])
}

func identByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func roleName(r *pg_query.RoleSpec, m *Model) string {
	switch r.GetRoletype() {
	case pg_query.RoleSpecType_ROLESPEC_PUBLIC:
		return Public
	case pg_query.RoleSpecType_ROLESPEC_CURRENT_USER, pg_query.RoleSpecType_ROLESPEC_CURRENT_ROLE:
		return m.current
	case pg_query.RoleSpecType_ROLESPEC_SESSION_USER:
		return m.session
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

// qualifier splits a possibly qualified name (db.schema.name, schema.name
// or name) into schema ("" when unqualified) and name.
func qualifier(names []string) (string, string) {
	switch len(names) {
	case 0:
		return "", ""
	case 1:
		return "", names[0]
	}
	return names[len(names)-2], names[len(names)-1]
}

// pathSchemas returns the schemas an unqualified name is looked up in, in
// order, as PostgreSQL computes them from search_path: "$user" is the
// current role; schemas that do not exist (in the model) or the current
// role may not use are left out, and so are pg_catalog and pg_temp, which
// hold no object the model tracks.
func (m *Model) pathSchemas() []string {
	var out []string
	for _, s := range m.searchPath {
		if s == "$user" {
			s = m.current
		}
		if s == "pg_catalog" || strings.HasPrefix(s, "pg_temp") || slices.Contains(out, s) {
			continue
		}
		if o := m.objects[objKey(Schema, "", s)]; o != nil && m.mayUse(o) {
			out = append(out, s)
		}
	}
	return out
}

// mayUse reports whether the current role has USAGE on schema sch.
func (m *Model) mayUse(sch *Object) bool {
	if r := m.Roles[m.current]; r != nil && r.Attrs["SUPERUSER"] {
		return true
	}
	if _, ok := sch.ACL[Public]["USAGE"]; ok {
		return true
	}
	_, ok := m.Effective(m.current, sch, true)["USAGE"]
	return ok
}

// creationSchema returns the schema an unqualified new object goes to: the
// first schema of the search path that exists. When none does (PostgreSQL
// fails: no schema has been selected to create in), the first schema
// named, assumed to exist.
func (m *Model) creationSchema() string {
	if ps := m.pathSchemas(); len(ps) > 0 {
		return ps[0]
	}
	for _, s := range m.searchPath {
		if s != "$user" && s != "pg_catalog" && !strings.HasPrefix(s, "pg_temp") {
			return s
		}
	}
	return "public"
}

// newSchema returns the schema of a new object: the one named, else the
// creation schema.
func (m *Model) newSchema(schema string) string {
	if schema == "" {
		return m.creationSchema()
	}
	return schema
}

// relAt returns the table or sequence (relations share a namespace) named
// name in schema.
func (m *Model) relAt(schema, name string) *Object {
	if o := m.objects[objKey(Table, schema, name)]; o != nil {
		return o
	}
	return m.objects[objKey(Sequence, schema, name)]
}

// relation resolves a reference to a table or sequence: in the schema
// named, or else the first schema of the search path that holds one of that
// name. When there is none, it returns nil and the schema the name is taken
// to be in.
func (m *Model) relation(schema, name string) (*Object, string) {
	if schema != "" {
		return m.relAt(schema, name), schema
	}
	for _, s := range m.pathSchemas() {
		if o := m.relAt(s, name); o != nil {
			return o, s
		}
	}
	return nil, m.missingSchema(name)
}

// missingSchema returns the schema an unqualified reference to an object
// the model does not hold is taken to be in: pg_catalog (searched first by
// PostgreSQL) for pg_ names, else the creation schema.
func (m *Model) missingSchema(name string) string {
	if strings.HasPrefix(name, "pg_") {
		return "pg_catalog"
	}
	return m.creationSchema()
}

// rangeVar resolves a relation reference; see relation.
func (m *Model) rangeVar(rv *pg_query.RangeVar) (*Object, string, string) {
	o, sc := m.relation(rv.GetSchemaname(), rv.GetRelname())
	return o, sc, rv.GetRelname()
}

// apply applies one statement; it reports whether it is a grant-like one.
func (m *Model) apply(n *pg_query.Node) bool {
	switch s := n.Node.(type) {
	case *pg_query.Node_CreateRoleStmt:
		m.createRole(s.CreateRoleStmt)
		return true
	case *pg_query.Node_AlterRoleStmt:
		m.alterRole(s.AlterRoleStmt)
		return true
	case *pg_query.Node_DropRoleStmt:
		for _, rn := range s.DropRoleStmt.Roles {
			m.dropRole(roleName(rn.GetRoleSpec(), m), s.DropRoleStmt.MissingOk)
		}
	case *pg_query.Node_GrantRoleStmt:
		m.grantRole(s.GrantRoleStmt)
		return true
	case *pg_query.Node_GrantStmt:
		m.grant(s.GrantStmt)
		return true
	case *pg_query.Node_AlterDefaultPrivilegesStmt:
		m.alterDefaults(s.AlterDefaultPrivilegesStmt)
		return true
	case *pg_query.Node_CreateSchemaStmt:
		return m.createSchema(s.CreateSchemaStmt)
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
		m.createRel(Table, s.ViewStmt.View, s.ViewStmt.Replace, false)
	case *pg_query.Node_CreateTableAsStmt:
		m.createRel(Table, s.CreateTableAsStmt.Into.GetRel(), false, s.CreateTableAsStmt.IfNotExists)
	case *pg_query.Node_SelectStmt:
		// SELECT ... INTO t creates a table; in a DO block INTO is PL/pgSQL's.
		if into := s.SelectStmt.IntoClause; into != nil && !m.inDo {
			m.createRel(Table, into.GetRel(), false, false)
		}
	case *pg_query.Node_CreateSeqStmt:
		if o := m.createRel(Sequence, s.CreateSeqStmt.Sequence, false, s.CreateSeqStmt.IfNotExists); o != nil {
			m.seqOptions(o, s.CreateSeqStmt.Options)
		}
	case *pg_query.Node_AlterSeqStmt:
		if o, _, _ := m.rangeVar(s.AlterSeqStmt.Sequence); o != nil && o.Kind == Sequence {
			m.seqOptions(o, s.AlterSeqStmt.Options)
		}
	case *pg_query.Node_CreateFunctionStmt:
		m.createFunction(s.CreateFunctionStmt)
	case *pg_query.Node_DropStmt:
		m.drop(s.DropStmt)
	case *pg_query.Node_AlterOwnerStmt:
		m.alterOwner(s.AlterOwnerStmt)
		return true
	case *pg_query.Node_AlterTableStmt:
		return m.alterTable(s.AlterTableStmt)
	case *pg_query.Node_AlterObjectSchemaStmt:
		m.setSchema(s.AlterObjectSchemaStmt)
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
	case *pg_query.Node_TransactionStmt:
		m.transaction(s.TransactionStmt.Kind)
	}
	return false
}

func defRole(d *pg_query.DefElem, m *Model) string {
	if rs := d.Arg.GetRoleSpec(); rs != nil {
		return roleName(rs, m)
	}
	return d.Arg.GetString_().GetSval()
}

// transaction follows transaction blocks for SET LOCAL: its settings end
// with the block. (Outside a block the migration tool's transaction is
// assumed: SET LOCAL lasts to the end of the migration.)
func (m *Model) transaction(k pg_query.TransactionStmtKind) {
	switch k {
	case pg_query.TransactionStmtKind_TRANS_STMT_BEGIN, pg_query.TransactionStmtKind_TRANS_STMT_START:
		if m.tx == nil {
			m.tx = &txState{current: m.current, session: m.session, searchPath: m.searchPath, local: map[string]bool{}}
		}
	case pg_query.TransactionStmtKind_TRANS_STMT_COMMIT, pg_query.TransactionStmtKind_TRANS_STMT_ROLLBACK,
		pg_query.TransactionStmtKind_TRANS_STMT_PREPARE:
		if m.tx == nil {
			return
		}
		if m.tx.local["role"] || m.tx.local["session_authorization"] {
			m.current = m.tx.current
		}
		if m.tx.local["session_authorization"] {
			m.session = m.tx.session
		}
		if m.tx.local["search_path"] {
			m.searchPath = m.tx.searchPath
		}
		m.tx = nil
	}
}

// set follows SET ROLE, SET SESSION AUTHORIZATION and SET search_path (and
// their RESET, and SET LOCAL; see transaction).
func (m *Model) set(v *pg_query.VariableSetStmt) {
	m.setVar(v)
	if m.tx == nil {
		return
	}
	name := lower(v.Name)
	if v.IsLocal {
		m.tx.local[name] = true
		return
	}
	// A session-level SET in the block is what stays after it.
	delete(m.tx.local, name)
	switch name {
	case "role":
		m.tx.current = m.current
	case "session_authorization":
		m.tx.current, m.tx.session = m.current, m.session
		delete(m.tx.local, "role") // it resets the role too
	case "search_path":
		m.tx.searchPath = m.searchPath
	}
}

func (m *Model) setVar(v *pg_query.VariableSetStmt) {
	reset := v.Kind == pg_query.VariableSetKind_VAR_RESET || v.Kind == pg_query.VariableSetKind_VAR_SET_DEFAULT
	if v.Kind == pg_query.VariableSetKind_VAR_RESET_ALL { // role and session authorization stay
		m.searchPath = defaultSearchPath
		return
	}
	var args []string
	for _, a := range v.Args {
		args = append(args, a.GetAConst().GetSval().GetSval())
	}
	switch lower(v.Name) {
	case "role":
		switch {
		case reset || len(args) == 1 && lower(args[0]) == "none":
			m.current = m.session
		case len(args) == 1 && args[0] != "":
			m.role(args[0])
			m.current = args[0]
		}
	case "session_authorization":
		// It sets the session user and resets the current role to it.
		switch {
		case reset:
			m.session, m.current = m.User, m.User
		case len(args) == 1 && args[0] != "":
			m.role(args[0])
			m.session, m.current = args[0], args[0]
		}
	case "search_path":
		if reset {
			m.searchPath = defaultSearchPath
			return
		}
		var path []string
		for _, s := range args {
			if s != "" {
				path = append(path, s)
			}
		}
		m.searchPath = path
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
	for _, o := range m.Objects() {
		if o.Owner == name {
			m.note("DROP ROLE %s: it still owns %s %s; PostgreSQL would refuse", name, o.Kind, o.QualifiedName())
			return
		}
	}
	for _, o := range m.Objects() {
		if m.mentions(o, name) {
			m.note("DROP ROLE %s: it still has privileges on %s %s (or granted some); PostgreSQL would refuse", name, o.Kind, o.QualifiedName())
			return
		}
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

// privSpec is the privilege list of a GRANT or REVOKE.
type privSpec struct {
	privs []string // on the object
	all   bool     // ALL [PRIVILEGES] (on the object)
	cols  []colPrivs
}

// colPrivs are privileges on columns: GRANT SELECT (a, b) ON t.
type colPrivs struct {
	privs, cols []string
}

// privSpec returns the privileges of a GRANT/REVOKE on kind k: the listed
// ones, or every privilege of k for ALL; ok is false (with a note) when
// PostgreSQL refuses the list.
func (m *Model) privSpec(g *pg_query.GrantStmt, k Kind) (sp privSpec, ok bool) {
	if len(g.Privileges) == 0 {
		return privSpec{privs: kindPrivs[k], all: true}, true
	}
	for _, p := range g.Privileges {
		ap := p.GetAccessPriv()
		name := strings.ToUpper(ap.GetPrivName())
		if name == "TEMP" {
			name = "TEMPORARY"
		}
		if cols := strs(ap.GetCols()); len(cols) > 0 {
			var ps []string
			switch {
			case k != Table:
				m.note("column privileges on a %s; PostgreSQL refuses the statement, the model leaves it out", k)
				return privSpec{}, false
			case name == "" || name == "ALL":
				ps = columnPrivs
			case slices.Contains(columnPrivs, name):
				ps = []string{name}
			default:
				m.note("%s is not a privilege of a column; PostgreSQL refuses the statement, the model leaves it out", name)
				return privSpec{}, false
			}
			sp.cols = append(sp.cols, colPrivs{ps, cols})
			continue
		}
		switch name {
		case "", "ALL":
			sp.privs = append(sp.privs, kindPrivs[k]...)
			sp.all = true
		default:
			if !validPriv(k, name) {
				m.note("%s is not a privilege of a %s; PostgreSQL refuses the statement, the model leaves it out", name, k)
				return privSpec{}, false
			}
			sp.privs = append(sp.privs, name)
		}
	}
	return sp, true
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
				// ALL FUNCTIONS leaves procedures out, ALL PROCEDURES
				// functions; ALL ROUTINES is both.
				if o.Kind == k && o.Schema == sc && (k != Function || routineKind(o, g.Objtype)) {
					out = append(out, o)
				}
			}
		}
		// All of one kind and schema: by name, for a stable order of notes.
		slices.SortFunc(out, func(a, b *Object) int { return strings.Compare(a.Name, b.Name) })
		return out
	}
	for _, on := range g.Objects {
		switch k {
		case Table, Sequence:
			o, sc, name := m.rangeVar(on.GetRangeVar())
			if o != nil && k == Sequence && o.Kind != Sequence {
				m.note("%s is not a sequence; PostgreSQL refuses the statement, the model leaves it out", o.QualifiedName())
				continue
			}
			if o == nil {
				m.note("%s %s.%s is not created by any migration; assumed to exist, owned by %s", k, sc, name, m.User)
				o = m.create(k, sc, name, m.User)
			}
			out = append(out, o)
		case Function:
			r := m.funcRef(on.GetObjectWithArgs())
			fs, ok := m.funcs(r, g.Objtype)
			if !ok {
				continue
			}
			if len(fs) == 0 {
				sc := r.schema
				if sc == "" {
					sc = m.missingSchema(r.name)
				}
				o := m.newFunc(sc, r.name, r.args, !r.given, g.Objtype == pg_query.ObjectType_OBJECT_PROCEDURE, m.User)
				m.note("function %s is not created by any migration; assumed to exist, owned by %s", o.QualifiedName(), m.User)
				fs = []*Object{o}
			}
			out = append(out, fs...)
		default:
			name := on.GetString_().GetSval()
			o := m.objects[objKey(k, "", name)]
			if o == nil {
				if k != Database { // databases are rarely created by migrations
					m.note("%s %s is not created by any migration; assumed to exist, owned by %s", k, name, m.User)
				}
				o = m.create(k, "", name, m.User)
			}
			out = append(out, o)
		}
	}
	return out
}

func (m *Model) grant(g *pg_query.GrantStmt) {
	k, ok := grantKind(g.Objtype)
	if !ok {
		m.note("privileges on %s are not modelled", strings.ToLower(strings.TrimPrefix(g.Objtype.String(), "OBJECT_")))
		return
	}
	sp, ok := m.privSpec(g, k)
	if !ok {
		return
	}
	var grantees []string
	for _, ge := range g.Grantees {
		grantee := roleName(ge.GetRoleSpec(), m)
		m.role(grantee)
		if grantee == Public && g.IsGrant && g.GrantOption {
			m.note("grant options can only be granted to roles, not PUBLIC; PostgreSQL refuses the statement, the model leaves it out")
			return
		}
		grantees = append(grantees, grantee)
	}
	ch := aclChange{grantees: grantees, grant: g.IsGrant, optionOnly: g.GrantOption,
		cascade: g.Behavior == pg_query.DropBehavior_DROP_CASCADE}
	for _, o := range m.targets(g, k) {
		ps, cols := sp.privs, sp.cols
		if o.Kind == Sequence && k == Table { // a sequence named in GRANT ... ON TABLE
			if len(cols) > 0 {
				m.note("column privileges on sequence %s are not modelled", o.QualifiedName())
				continue
			}
			if sp.all {
				ps = kindPrivs[Sequence]
			} else if seq := intersect(ps, kindPrivs[Sequence]); len(seq) < len(ps) {
				m.note("sequence %s only supports USAGE, SELECT and UPDATE; PostgreSQL warns and leaves the others out", o.QualifiedName())
				ps = seq
			}
		} else if bad := without(ps, kindPrivs[o.Kind]); len(bad) > 0 {
			m.note("%s is not a privilege of %s %s; PostgreSQL refuses the statement, the model leaves it out", bad[0], o.Kind, o.QualifiedName())
			continue
		}
		m.changeACL(o, ps, sp.all, cols, ch)
	}
}

// aclChange is what a GRANT or REVOKE does to each object it names.
type aclChange struct {
	grantees   []string
	grant      bool
	optionOnly bool // GRANT ... WITH GRANT OPTION, REVOKE GRANT OPTION FOR
	cascade    bool // REVOKE ... CASCADE
	quiet      bool // no notes (DROP OWNED)
}

// changeACL applies a GRANT or REVOKE of privs (all: ALL PRIVILEGES) and
// column privileges cols on o, as PostgreSQL does: the current role acts
// as the owner where it is superuser or has the owner's privileges, else
// as the role whose grant options it can use (select_best_grantor); it
// grants or revokes only what that grantor may grant, and a REVOKE takes
// only what that grantor granted. Taking a grant option takes what was
// granted with it (CASCADE; without, PostgreSQL refuses). A refused
// statement leaves o as it was.
func (m *Model) changeACL(o *Object, privs []string, all bool, cols []colPrivs, ch aclChange) {
	o.acl("")
	// Only a REVOKE without CASCADE can be refused after a change (when a
	// column's grant option has dependents), and then only the grantees'
	// items have changed.
	var saved map[string]map[string]map[string]bool
	var savedCols map[string]items
	if !ch.grant && !ch.cascade {
		saved = map[string]map[string]map[string]bool{}
		for _, g := range ch.grantees {
			saved[g] = o.grants.cloneGrantee(g)
		}
		savedCols = map[string]items{}
		for c, it := range o.colGrants {
			savedCols[c] = it.clone()
		}
	}
	st := &aclState{from: map[string]bool{}}
	ok := true
	if len(privs) > 0 || len(cols) == 0 {
		ok = m.changeItems(o, "", privs, all, ch, st)
	}
	if ok && !ch.grant && o.Kind == Table {
		// Revoking a privilege on the table revokes it on every column too.
		if cp := intersect(privs, columnPrivs); len(cp) > 0 {
			quiet := ch
			quiet.quiet = true
			for _, col := range o.columnsWithACL() {
				if ok = m.changeItems(o, col, cp, true, quiet, st); !ok {
					break
				}
			}
		}
	}
	for _, c := range cols {
		for _, col := range c.cols {
			if ok {
				ok = m.changeItems(o, col, c.privs, len(c.privs) == len(columnPrivs), ch, st)
			}
		}
	}
	if !ok {
		if saved != nil {
			for g, byGrantor := range saved {
				if byGrantor == nil {
					delete(o.grants, g)
				} else {
					o.grants[g] = byGrantor
				}
			}
			o.colGrants = savedCols
		}
		o.sync(ch.grantees)
		return
	}
	if st.cascaded {
		o.sync(nil)
	} else {
		o.sync(ch.grantees)
	}
	m.touch(o)
	if ch.grant || ch.quiet {
		return
	}
	for _, g := range ch.grantees {
		if st.from[g] {
			continue
		}
		if len(intersect(privs, slices.Collect(maps.Keys(o.ACL[g])))) > 0 {
			m.note("REVOKE on %s %s from %s: what it holds was granted by another role than the one the REVOKE runs as; PostgreSQL takes nothing", o.Kind, o.QualifiedName(), g)
			continue
		}
		m.note("REVOKE on %s %s from %s: nothing of it was granted", o.Kind, o.QualifiedName(), g)
	}
}

// aclState is what changeACL's steps found: the grantees a REVOKE took
// something from, and whether dependent privileges went too.
type aclState struct {
	from     map[string]bool
	cascaded bool
}

// changeItems applies the change to the ACL items of o (col "") or of its
// column col; it returns false (with a note) where PostgreSQL refuses the
// statement.
func (m *Model) changeItems(o *Object, col string, privs []string, all bool, ch aclChange, st *aclState) bool {
	acl := o.acl(col)
	grantable := acl.grantable
	if col != "" { // the grantor may hold its grant options on the table
		grantable = func(r, p string) bool { return o.grants.grantable(r, p) || acl.grantable(r, p) }
	}
	what := func() string {
		w := string(o.Kind) + " " + o.QualifiedName()
		if col != "" {
			w = "column " + col + " of " + w
		}
		return w
	}
	verb, does := "REVOKE", "revokes"
	if ch.grant {
		verb, does = "GRANT", "grants"
	}
	grantor, avail := m.grantorFor(o, grantable, privs)
	if len(avail) == 0 && !ch.quiet && col == "" && !m.holdsAny(o, grantor) {
		m.note("%s on %s as %s: permission denied (it holds no privilege on it); PostgreSQL refuses the statement, the model leaves it out", verb, what(), m.current)
		return false
	}
	this := avail
	if len(avail) < len(privs) {
		this = intersect(privs, avail)
	}
	if !ch.quiet && len(this) < len(privs) && (len(this) == 0 || !all) {
		if len(this) == 0 {
			m.note("%s on %s as %s: it holds no grant option for %s; PostgreSQL warns and %s nothing",
				verb, what(), m.current, strings.Join(privs, ", "), does)
		} else {
			m.note("%s on %s as %s: it holds the grant option only for %s; PostgreSQL warns and %s only those",
				verb, what(), m.current, strings.Join(this, ", "), does)
		}
	}
	if len(this) == 0 {
		return true
	}
	for _, g := range ch.grantees {
		if ch.grant {
			acl.add(g, grantor, this, ch.optionOnly)
			continue
		}
		ps := acl[g][grantor]
		var lost []string // grant options taken
		for _, p := range this {
			opt, ok := ps[p]
			if !ok {
				continue
			}
			st.from[g] = true
			if opt {
				lost = append(lost, p)
			}
			if ch.optionOnly {
				ps[p] = false
			} else {
				delete(ps, p)
			}
		}
		acl.prune(g)
		if len(lost) == 0 {
			continue
		}
		ok, removed := m.revokeDependent(o, acl, g, lost, ch.cascade)
		st.cascaded = st.cascaded || removed
		if !ok {
			if !ch.quiet {
				m.note("REVOKE on %s from %s: %s granted it on to other roles (dependent privileges exist); PostgreSQL refuses the statement without CASCADE, the model leaves it out", what(), g, g)
			}
			return false
		}
	}
	return true
}

// grantorFor is PostgreSQL's select_best_grantor: the role the current role
// grants or revokes privs on o as, and the grant options it has among
// privs. A superuser, or a role with the owner's privileges, acts as the
// owner and has them all; another role acts as itself or a role it
// inherits from, the first that has all the grant options, else the one
// with the most.
func (m *Model) grantorFor(o *Object, grantable func(role, priv string) bool, privs []string) (string, []string) {
	if r := m.Roles[m.current]; r != nil && r.Attrs["SUPERUSER"] {
		return o.Owner, privs
	}
	reach := m.Reachable(m.current, true)
	if slices.Contains(reach, o.Owner) {
		return o.Owner, privs
	}
	best, bestOpts := m.current, []string(nil)
	for _, r := range reach {
		var opts []string
		for _, p := range privs {
			if grantable(r, p) {
				opts = append(opts, p)
			}
		}
		if len(opts) == len(privs) {
			return r, opts
		}
		if len(opts) > len(bestOpts) {
			best, bestOpts = r, opts
		}
	}
	return best, bestOpts
}

// holdsAny reports whether role may use any privilege on o (its own, a
// role's it inherits from, PUBLIC's).
func (m *Model) holdsAny(o *Object, role string) bool {
	return len(m.Effective(role, o, true)) > 0 || len(o.ACL[Public]) > 0
}

// revokeDependent is PostgreSQL's recursive_revoke: when grantee lost the
// grant options for privs (and cannot use them through another grantor or
// a role it inherits from), what it granted of them goes too, and so on.
// Without cascade it reports false, before taking anything, when there is
// something to take; removed is whether anything was taken.
func (m *Model) revokeDependent(o *Object, acl items, grantee string, privs []string, cascade bool) (ok, removed bool) {
	if grantee == Public {
		return true, false
	}
	reach := m.Reachable(grantee, true)
	if slices.Contains(reach, o.Owner) { // the owner's grant options cannot be lost
		return true, false
	}
	var lost []string
	for _, p := range privs {
		if !slices.ContainsFunc(reach, func(r string) bool { return acl.grantable(r, p) }) {
			lost = append(lost, p)
		}
	}
	if len(lost) == 0 {
		return true, false
	}
	for _, g := range slices.Sorted(maps.Keys(acl)) {
		ps := acl[g][grantee]
		var taken, opts []string
		for _, p := range lost {
			if opt, ok := ps[p]; ok {
				taken = append(taken, p)
				if opt {
					opts = append(opts, p)
				}
			}
		}
		if len(taken) == 0 {
			continue
		}
		if !cascade {
			return false, removed
		}
		for _, p := range taken {
			delete(ps, p)
		}
		acl.prune(g)
		removed = true
		if len(opts) > 0 {
			if ok, _ := m.revokeDependent(o, acl, g, opts, cascade); !ok {
				return false, removed
			}
		}
	}
	return true, removed
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

// without returns the elements of a not in b.
func without(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !contains(b, x) {
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
	sp, ok := m.privSpec(g, k)
	if !ok {
		return
	}
	if len(sp.cols) > 0 {
		m.note("default privileges cannot be set for columns; PostgreSQL refuses the statement, the model leaves it out")
		return
	}
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
					d.ACL.grant(grantee, sp.privs, g.GrantOption)
				} else if !d.ACL.revoke(grantee, sp.privs, g.GrantOption) {
					where := "anywhere"
					if sc != "" {
						where = "in schema " + sc
					}
					m.note("ALTER DEFAULT PRIVILEGES REVOKE on %ss created by %s %s from %s: nothing of it was granted", k, r, where, grantee)
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
	if schema != "" {
		m.ensureSchema(schema)
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
	return m.create(k, sc, name, m.current)
}

func (m *Model) createTable(c *pg_query.CreateStmt) {
	o := m.createRel(Table, c.Relation, false, c.IfNotExists)
	if o == nil {
		return
	}
	for _, e := range c.TableElts {
		if cd := e.GetColumnDef(); cd != nil {
			m.serialColumn(o, cd)
		}
	}
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

// Functions.

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
		}
		return
	}
	m.newFunc(sc, name, args, false, f.IsProcedure, m.current)
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
			m.defaults[d.Role+"\x00"+d.Schema+"\x00"+string(d.Kind)] = d
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
			m.defaults[d.Role+"\x00"+d.Schema+"\x00"+string(d.Kind)] = d
		}
	}
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
