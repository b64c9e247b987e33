package access

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/grantguard/grantguard/lint"
	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// Kind is the kind of object a privilege is on.
type Kind string

// The object kinds the model tracks.
const (
	Database Kind = "database"
	Schema   Kind = "schema"
	Table    Kind = "table" // also views, materialized views, foreign tables
	Sequence Kind = "sequence"
	Function Kind = "function" // also procedures
)

// Public is the pseudo-role PUBLIC: every role.
const Public = "PUBLIC"

// kindPrivs is what GRANT ALL expands to per kind (PostgreSQL 15).
var kindPrivs = map[Kind][]string{
	Database: {"CREATE", "CONNECT", "TEMPORARY"},
	Schema:   {"USAGE", "CREATE"},
	Table:    {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"},
	Sequence: {"USAGE", "SELECT", "UPDATE"},
	Function: {"EXECUTE"},
}

// Privileges returns the privileges GRANT ALL gives on an object of kind k.
func Privileges(k Kind) []string { return slices.Clone(kindPrivs[k]) }

// ACL maps a grantee (a role name or PUBLIC) to its privileges, each with
// whether it is grantable (WITH GRANT OPTION).
type ACL map[string]map[string]bool

func (a ACL) clone() ACL {
	out := ACL{}
	for g, ps := range a {
		m := map[string]bool{}
		for p, v := range ps {
			m[p] = v
		}
		out[g] = m
	}
	return out
}

func (a ACL) grant(grantee string, privs []string, grantable bool) {
	m := a[grantee]
	if m == nil {
		m = map[string]bool{}
		a[grantee] = m
	}
	for _, p := range privs {
		m[p] = m[p] || grantable
	}
}

// revoke removes privs (or only their grant option); it reports whether
// anything was held.
func (a ACL) revoke(grantee string, privs []string, grantOptionOnly bool) bool {
	m := a[grantee]
	held := false
	for _, p := range privs {
		if _, ok := m[p]; !ok {
			continue
		}
		held = true
		if grantOptionOnly {
			m[p] = false
		} else {
			delete(m, p)
		}
	}
	if len(m) == 0 {
		delete(a, grantee)
	}
	return held
}

// move merges from's entries into to's, as aclnewowner does for a new
// owner and a role rename does; it reports whether from had any.
func (a ACL) move(from, to string) bool {
	ps, ok := a[from]
	if !ok || from == to {
		return ok
	}
	delete(a, from)
	for p, opt := range ps {
		a.grant(to, []string{p}, opt)
	}
	return true
}

// columnPrivs are the privileges PostgreSQL grants on columns.
var columnPrivs = []string{"SELECT", "INSERT", "UPDATE", "REFERENCES"}

// items is an ACL as PostgreSQL stores it: by grantee, by grantor, the
// privileges (each with whether it is grantable). An object's ACL is their
// union over grantors.
type items map[string]map[string]map[string]bool

// itemsOf returns the items of a, all granted by grantor.
func itemsOf(a ACL, grantor string) items {
	out := make(items, len(a))
	for g, ps := range a {
		out[g] = map[string]map[string]bool{grantor: maps.Clone(ps)}
	}
	return out
}

// cloneGrantee returns a deep copy of grantee's items (nil when none).
func (it items) cloneGrantee(grantee string) map[string]map[string]bool {
	byGrantor := it[grantee]
	if byGrantor == nil {
		return nil
	}
	out := make(map[string]map[string]bool, len(byGrantor))
	for gr, ps := range byGrantor {
		out[gr] = maps.Clone(ps)
	}
	return out
}

func (it items) clone() items {
	out := make(items, len(it))
	for g := range it {
		out[g] = it.cloneGrantee(g)
	}
	return out
}

// add gives grantee privs from grantor.
func (it items) add(grantee, grantor string, privs []string, grantable bool) {
	byGrantor := it[grantee]
	if byGrantor == nil {
		byGrantor = map[string]map[string]bool{}
		it[grantee] = byGrantor
	}
	ps := byGrantor[grantor]
	if ps == nil {
		ps = map[string]bool{}
		byGrantor[grantor] = ps
	}
	for _, p := range privs {
		ps[p] = ps[p] || grantable
	}
}

// prune removes grantee's empty items.
func (it items) prune(grantee string) {
	for gr, ps := range it[grantee] {
		if len(ps) == 0 {
			delete(it[grantee], gr)
		}
	}
	if len(it[grantee]) == 0 {
		delete(it, grantee)
	}
}

// held returns grantee's privileges from every grantor (grantable when
// grantable from any).
func (it items) held(grantee string) map[string]bool {
	var out map[string]bool
	for _, ps := range it[grantee] {
		for p, opt := range ps {
			if out == nil {
				out = map[string]bool{}
			}
			out[p] = out[p] || opt
		}
	}
	return out
}

// union is the ACL the items give.
func (it items) union() ACL {
	a := ACL{}
	for g := range it {
		if ps := it.held(g); len(ps) > 0 {
			a[g] = ps
		}
	}
	return a
}

// grantable reports whether grantee holds p with grant option, from any
// grantor.
func (it items) grantable(grantee, p string) bool {
	for _, ps := range it[grantee] {
		if ps[p] {
			return true
		}
	}
	return false
}

// rename replaces role from by to as grantee and grantor, merging the items
// that become one (as aclnewowner does); it reports whether from was in any.
func (it items) rename(from, to string) bool {
	if from == to {
		return false
	}
	changed := false
	for _, g := range slices.Sorted(maps.Keys(it)) {
		byGrantor := it[g]
		if g != from && byGrantor[from] == nil {
			continue
		}
		changed = true
		delete(it, g)
		ng := g
		if g == from {
			ng = to
		}
		for gr, ps := range byGrantor {
			if gr == from {
				gr = to
			}
			for p, opt := range ps {
				it.add(ng, gr, []string{p}, opt)
			}
		}
	}
	return changed
}

// acl returns o's ACL items (col "" for the object's own, else column
// col's), set up from ACL and Columns, granted by the owner, the first
// time. After changing them, sync sets ACL and Columns.
func (o *Object) acl(col string) items {
	if o.grants == nil {
		o.grants = itemsOf(o.ACL, o.Owner)
		o.colGrants = map[string]items{}
		for c, a := range o.Columns {
			o.colGrants[c] = itemsOf(a, o.Owner)
		}
	}
	if col == "" {
		return o.grants
	}
	it := o.colGrants[col]
	if it == nil {
		it = items{}
		o.colGrants[col] = it
	}
	return it
}

// columnsWithACL returns the columns that have ACL items, sorted.
func (o *Object) columnsWithACL() []string {
	o.acl("")
	var out []string
	for c, it := range o.colGrants {
		if len(it) > 0 {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

// sync sets ACL from the items of the grantees given (of all when
// grantees is nil) and Columns from the column items. A grantee's ACL
// entry may share its one item's map: the items are only changed with a
// sync after.
func (o *Object) sync(grantees []string) {
	if o.grants == nil {
		return
	}
	if o.ACL == nil {
		o.ACL = ACL{}
	}
	if grantees == nil {
		clear(o.ACL)
		maps.Copy(o.ACL, o.grants.union())
	}
	for _, g := range grantees {
		byGrantor := o.grants[g]
		if len(byGrantor) == 1 { // ACL shares the one item's privileges
			for _, ps := range byGrantor {
				o.ACL[g] = ps
			}
			continue
		}
		if ps := o.grants.held(g); len(ps) > 0 {
			o.ACL[g] = ps
		} else {
			delete(o.ACL, g)
		}
	}
	o.syncColumns()
}

// syncColumns sets Columns from the column items.
func (o *Object) syncColumns() {
	o.Columns = nil
	for c, it := range o.colGrants {
		if len(it) == 0 {
			delete(o.colGrants, c)
			continue
		}
		if o.Columns == nil {
			o.Columns = map[string]ACL{}
		}
		o.Columns[c] = it.union()
	}
}

func (a ACL) equal(b ACL) bool {
	if len(a) != len(b) {
		return false
	}
	for g, ps := range a {
		qs, ok := b[g]
		if !ok || len(ps) != len(qs) {
			return false
		}
		for p, v := range ps {
			if w, ok := qs[p]; !ok || v != w {
				return false
			}
		}
	}
	return true
}

// aclDefault is PostgreSQL's acldefault(): the owner holds every privilege
// of the kind (its grant option is implicit in ownership, so the entry
// carries none, as aclexplode shows it); PUBLIC may EXECUTE functions and CONNECT
// to and create TEMPORARY tables in databases.
func aclDefault(k Kind, owner string) ACL {
	a := ACL{}
	a.grant(owner, kindPrivs[k], false)
	switch k {
	case Function:
		a.grant(Public, []string{"EXECUTE"}, false)
	case Database:
		a.grant(Public, []string{"CONNECT", "TEMPORARY"}, false)
	}
	return a
}

// Role is a role with its attributes as the migrations left it.
type Role struct {
	Name string
	// Attrs holds the role attributes that are on: SUPERUSER, CREATEDB,
	// CREATEROLE, INHERIT, LOGIN, REPLICATION, BYPASSRLS.
	Attrs map[string]bool
	// ValidUntil is the VALID UNTIL value, "" when not set.
	ValidUntil string
	// External is set for roles the migrations use but never create
	// (the migration user, roles created elsewhere).
	External bool
	// Where is the statement that created the role.
	Where Pos
}

// Membership is "GRANT Role TO Member".
type Membership struct {
	Role, Member string
	Admin        bool
	// Inherit is the grant's INHERIT option (PostgreSQL 16 syntax; true
	// unless WITH INHERIT FALSE). Whether privileges flow also depends on
	// the member's INHERIT attribute.
	Inherit bool
	Where   Pos
}

// Object is a database, schema, table, sequence or function.
type Object struct {
	Kind   Kind
	Schema string // "" for databases and schemas
	// Name is the object's name; for a function it includes the argument
	// types, as PostgreSQL identifies the function: f(integer, text).
	Name  string
	Owner string
	ACL   ACL
	// Columns holds column privileges (GRANT UPDATE (col) ON ...), by
	// column name; nil when there are none.
	Columns map[string]ACL
	// Assumed is set for an object no migration creates, taken to exist
	// because a statement refers to it: what it was created with (row
	// security, SECURITY DEFINER) is unknown.
	Assumed bool

	// Relations of kind Table: what sort of relation (Rel), row-level
	// security (RLS, ForceRLS; RLSKnown once a migration created the table
	// or set it), the policies, and a view's options and the relations its
	// query reads.
	Rel                              RelKind
	RLS, ForceRLS, RLSKnown          bool
	Policies                         []*Policy
	SecurityInvoker, SecurityBarrier bool
	ViewOf                           []*Object
	// Defined is the statement that last set a view's query or options.
	Defined Pos
	// rlsOff is where a table's row-level security was left off: the
	// name in its CREATE TABLE, or the DISABLE clause that turned it off.
	rlsOff          Pos
	rlsOffByDisable bool

	// Functions: SECURITY DEFINER, and whether it returns trigger or
	// event_trigger (callable only as a trigger).
	SecurityDefiner bool
	Trigger         bool

	// Functions: the name without arguments, the normalized input argument
	// types (argsUnknown when the object was assumed from a reference
	// without an argument list) and whether it is a procedure.
	fname       string
	args        string
	argsUnknown bool
	proc        bool
	// Sequences: the table (and column) that owns the sequence (serial and
	// identity columns, OWNED BY); it is dropped with it and follows its
	// owner and schema.
	ownedBy  *Object
	ownedCol string
	// The ACL items with their grantors (see acl); ACL and Columns are
	// their union. nil until a statement changes the ACL.
	grants    items
	colGrants map[string]items
}

// RelKind is the kind of a relation of Kind Table.
type RelKind string

// The relation kinds (pg_class.relkind) the model tells apart.
const (
	RelTable   RelKind = ""                  // ordinary and partitioned tables
	RelView    RelKind = "view"              // views
	RelMatView RelKind = "materialized view" // materialized views
	RelForeign RelKind = "foreign table"     // foreign tables
)

// Policy is a row-level security policy of a table (pg_policy).
type Policy struct {
	Name string
	// Permissive is false for AS RESTRICTIVE policies.
	Permissive bool
	// Command is ALL, SELECT, INSERT, UPDATE or DELETE.
	Command string
	// Roles are the roles the policy applies to (PUBLIC when none is
	// named), in the order named.
	Roles []string
	// Using and Check are the USING and WITH CHECK expressions as SQL, ""
	// when absent.
	Using, Check string
	// Where is the statement that created the policy.
	Where Pos
	// using and check are the expressions' parse trees, usingAt and
	// checkAt their offsets in Where's file.
	using, check     *pg_query.Node
	usingAt, checkAt int
}

// QualifiedName returns the object's display name: schema-qualified where it has a
// schema.
func (o *Object) QualifiedName() string {
	if o.Schema == "" {
		return o.Name
	}
	return o.Schema + "." + o.Name
}

func objKey(k Kind, schema, name string) string { return string(k) + ":" + schema + "." + name }

// DefaultACL is one pg_default_acl entry: the privileges objects of Kind
// created by Role (in Schema, or anywhere when Schema is "") start with.
type DefaultACL struct {
	Role, Schema string
	Kind         Kind
	ACL          ACL
}

// Pos is a statement of a migration.
type Pos struct {
	Path   string `json:"path"`
	Offset int    `json:"-"`
	Line   int    `json:"line"`
}

// Note is something the replay could not follow.
type Note struct {
	Pos
	Msg string `json:"message"`
}

// Model is the state of the database after the migrations.
type Model struct {
	Roles       map[string]*Role
	Memberships []*Membership
	objects     map[string]*Object
	defaults    map[string]*DefaultACL
	Notes       []Note
	// User is the role that runs the migrations (default "postgres").
	User string
	// Database is the database the migrations run in.
	Database string

	current    string   // the current role (SET ROLE)
	session    string   // the session user (SET SESSION AUTHORIZATION)
	searchPath []string // as set, "$user" and pg_catalog included
	inDo       bool     // the statement is in a DO block
	tx         *txState // the open transaction block (BEGIN), if any
	pos        Pos
	stmt       *lint.Stmt // the statement being applied, for its clauses' offsets

	// changed lists the objects whose owner or ACL the current statement
	// set, created marks those it created: what an observer of the replay
	// needs to look at again (see Check). Both are reset after each
	// statement.
	changed []*Object
	created map[*Object]bool
	// secChanged lists the objects whose row security, policies, view
	// options or SECURITY DEFINER the current statement set; reset after
	// each statement too.
	secChanged []*Object
}

// touch records that the current statement changed o's owner or ACL.
func (m *Model) touch(o *Object) { m.changed = append(m.changed, o) }

// txState is what SET LOCAL changes undo at the end of a transaction
// block: the settings as they will be after it.
type txState struct {
	current, session string
	searchPath       []string
	local            map[string]bool // the settings SET LOCAL changed
}

// defaultSearchPath is PostgreSQL's search_path default.
var defaultSearchPath = []string{"$user", "public"}

// newSession resets what a session sets: each migration runs in a new one.
func (m *Model) newSession() {
	m.current, m.session, m.searchPath, m.tx = m.User, m.User, defaultSearchPath, nil
}

// put stores o under its key; del removes it. Every object is stored
// under objKey(o.Kind, o.Schema, o.Name).
func (m *Model) put(o *Object) { m.objects[objKey(o.Kind, o.Schema, o.Name)] = o }

func (m *Model) del(o *Object) {
	if k := objKey(o.Kind, o.Schema, o.Name); m.objects[k] == o {
		delete(m.objects, k)
	}
}

// NewModel returns the state of a fresh database named database, migrated
// by superuser user: the public schema as PostgreSQL 15 creates it.
func NewModel(user, database string) *Model {
	m := &Model{Roles: map[string]*Role{}, objects: map[string]*Object{}, defaults: map[string]*DefaultACL{},
		User: user, Database: database}
	m.newSession()
	m.Roles[user] = &Role{Name: user, External: true, Attrs: map[string]bool{"SUPERUSER": true, "LOGIN": true,
		"INHERIT": true, "CREATEDB": true, "CREATEROLE": true, "REPLICATION": true, "BYPASSRLS": true}}
	m.Roles["pg_database_owner"] = &Role{Name: "pg_database_owner", External: true, Attrs: map[string]bool{"INHERIT": true}}
	pub := &Object{Kind: Schema, Name: "public", Owner: "pg_database_owner", ACL: aclDefault(Schema, "pg_database_owner")}
	pub.ACL.grant(Public, []string{"USAGE"}, false)
	m.objects[objKey(Schema, "", "public")] = pub
	m.objects[objKey(Database, "", database)] = &Object{Kind: Database, Name: database, Owner: user, ACL: aclDefault(Database, user)}
	return m
}

// Objects returns the objects in a stable order: by kind, then name.
func (m *Model) Objects() []*Object {
	out := make([]*Object, 0, len(m.objects))
	for _, o := range m.objects {
		out = append(out, o)
	}
	sortObjects(out)
	return out
}

// firstObject returns the first object, in Objects' order, for which
// match holds, or nil; the objects are sorted only when one matches.
func (m *Model) firstObject(match func(*Object) bool) *Object {
	found := false
	for _, o := range m.objects {
		if match(o) {
			found = true
			break
		}
	}
	if !found {
		return nil
	}
	for _, o := range m.Objects() {
		if match(o) {
			return o
		}
	}
	return nil
}

// sortObjects sorts objects by kind (databases, schemas, tables,
// sequences, functions), then name.
func sortObjects(objs []*Object) {
	order := map[Kind]int{Database: 0, Schema: 1, Table: 2, Sequence: 3, Function: 4}
	// Each object's rank and name once, not at every comparison.
	type keyed struct {
		rank int
		name string
		o    *Object
	}
	ks := make([]keyed, len(objs))
	for i, o := range objs {
		ks[i] = keyed{order[o.Kind], o.QualifiedName(), o}
	}
	sort.Slice(ks, func(i, j int) bool {
		a, b := &ks[i], &ks[j]
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		return a.name < b.name
	})
	for i := range ks {
		objs[i] = ks[i].o
	}
}

// Defaults returns the default privileges in a stable order, leaving out
// entries PostgreSQL would not store (a global entry equal to the built-in
// default, a schema entry with no privileges).
func (m *Model) Defaults() []*DefaultACL {
	var out []*DefaultACL
	for _, d := range m.defaults {
		if d.Schema == "" && d.ACL.equal(aclDefault(d.Kind, d.Role)) || d.Schema != "" && len(d.ACL) == 0 {
			continue
		}
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return a.Role+"\x00"+a.Schema+"\x00"+string(a.Kind) < b.Role+"\x00"+b.Schema+"\x00"+string(b.Kind)
	})
	return out
}

// RoleNames returns the role names, sorted.
func (m *Model) RoleNames() []string {
	out := make([]string, 0, len(m.Roles))
	for n := range m.Roles {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// MembershipsOf returns the direct memberships of member.
func (m *Model) MembershipsOf(member string) []*Membership {
	var out []*Membership
	for _, ms := range m.Memberships {
		if ms.Member == member {
			out = append(out, ms)
		}
	}
	return out
}

// Reachable returns the roles whose privileges role can use, role first,
// then by breadth-first walk of its memberships. With inheritOnly, only
// memberships whose privileges are inherited are followed; otherwise every
// membership is (PostgreSQL 15 lets any member SET ROLE).
func (m *Model) Reachable(role string, inheritOnly bool) []string {
	out := []string{role}
	seen := map[string]bool{role: true}
	for i := 0; i < len(out); i++ {
		cur := out[i]
		if inheritOnly {
			if r := m.Roles[cur]; r != nil && !r.Attrs["INHERIT"] {
				continue
			}
		}
		for _, ms := range m.MembershipsOf(cur) {
			if seen[ms.Role] || inheritOnly && !ms.Inherit {
				continue
			}
			seen[ms.Role] = true
			out = append(out, ms.Role)
		}
	}
	return out
}

// Effective returns the privileges role can use on o (ownership included):
// its own and those of the roles it inherits from (with inheritOnly false, of every
// role it can SET ROLE to); PUBLIC's are left out. The value names the role the privilege comes
// from (role itself where it holds it).
func (m *Model) Effective(role string, o *Object, inheritOnly bool) map[string]string {
	return effectiveFrom(m.Reachable(role, inheritOnly), o)
}

// effectiveFrom is Effective for the roles reach (as Reachable returns
// them); nil when they hold nothing on o.
func effectiveFrom(reach []string, o *Object) map[string]string {
	var out map[string]string
	add := func(p, r string) {
		if out == nil {
			out = map[string]string{}
		}
		if _, ok := out[p]; !ok {
			out[p] = r
		}
	}
	for _, r := range reach {
		if ps := o.ACL[r]; len(ps) > 0 {
			for p := range ps {
				add(p, r)
			}
		}
		if o.Owner == r {
			for _, p := range kindPrivs[o.Kind] {
				add(p, r)
			}
		}
	}
	return out
}

func (m *Model) note(format string, args ...any) {
	m.Notes = append(m.Notes, Note{m.pos, sprintf(format, args...)})
}

// SuperuserVia returns a role with the SUPERUSER attribute that role can
// SET ROLE to (role itself included), or "".
func (m *Model) SuperuserVia(role string) string {
	for _, r := range m.Reachable(role, false) {
		if rr := m.Roles[r]; rr != nil && rr.Attrs["SUPERUSER"] {
			return r
		}
	}
	return ""
}

func lower(s string) string { return strings.ToLower(s) }
