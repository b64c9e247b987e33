package access

import (
	"maps"
	"slices"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// Privileges: GRANT and REVOKE on objects, with grantors and dependent
// grants, and ALTER DEFAULT PRIVILEGES.

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
				o.Assumed, o.RLSKnown = true, false
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
				o.Assumed = true
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
	roles, schemas, k, ok := m.defaultsTarget(a)
	g := a.Action
	if !ok {
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
			key := defaultsKey(r, sc, k)
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

// defaultsTarget reads whose future objects (FOR ROLE, else the current
// role), in which schemas ("" for all) and of which kind ALTER DEFAULT
// PRIVILEGES a is about; ok is false for a kind the model does not track.
func (m *Model) defaultsTarget(a *pg_query.AlterDefaultPrivilegesStmt) (roles, schemas []string, k Kind, ok bool) {
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
	switch a.GetAction().GetObjtype() {
	case pg_query.ObjectType_OBJECT_TABLE:
		return roles, schemas, Table, true
	case pg_query.ObjectType_OBJECT_SEQUENCE:
		return roles, schemas, Sequence, true
	case pg_query.ObjectType_OBJECT_FUNCTION, pg_query.ObjectType_OBJECT_PROCEDURE, pg_query.ObjectType_OBJECT_ROUTINE:
		return roles, schemas, Function, true
	case pg_query.ObjectType_OBJECT_SCHEMA:
		return roles, schemas, Schema, true
	}
	return nil, nil, "", false
}

// defaultsKey is the m.defaults key of role's default privileges on kind k
// in schema ("" for all schemas).
func defaultsKey(role, schema string, k Kind) string {
	return role + "\x00" + schema + "\x00" + string(k)
}
