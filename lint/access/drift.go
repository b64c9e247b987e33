package access

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/grantguard/grantguard/lint"
)

// Difference is one thing the server and the migrations disagree on.
type Difference struct {
	// Unrecorded is set for what the server has and no migration gives;
	// otherwise the migrations give it and the server lacks it.
	Unrecorded bool
	// Role is the role the difference is about (the grantee, the member,
	// the role itself).
	Role string
	// Kind and Object name the object: "role" and the role's name, or an
	// object kind and its qualified name, or "default privileges" and
	// "ROLE[.SCHEMA] (KINDs)".
	Kind, Object string
	// Schema is the object's schema, "" for roles, databases and schemas.
	Schema string
	Msg    string
}

// Drift compares the model of the server (FromState) with the model of the
// migrations (Replay): role by role, attribute by attribute, membership by
// membership, and privilege by privilege and grantor on every object and
// column, and default privileges. cfg's [drift] scopes it. The order is
// stable: roles first, then objects by kind and name, then default
// privileges.
func Drift(server, migrations *Model, cfg *lint.DriftConfig) []Difference {
	d := &drifter{server: server, migrations: migrations, cfg: cfg}
	d.roles()
	d.memberships()
	d.objects()
	d.defaults()
	return d.out
}

type drifter struct {
	server, migrations *Model
	cfg                *lint.DriftConfig
	out                []Difference
}

// ignored reports whether role is left out: the platform's, the
// predefined roles, the bootstrap superuser and the migration user, and
// the roles [drift] ignore_roles names.
func (d *drifter) ignored(role string) bool {
	if role == Public {
		return false
	}
	// A role the migrations name by a psql variable or a template
	// (:"PGUSER", ${owner}) is known only when they run.
	if lint.IsPlaceholder(role) || strings.HasPrefix(role, "pg_") || role == d.server.User || role == d.migrations.User {
		return true
	}
	for _, pat := range d.cfg.IgnoreRoles {
		if ok, _ := path.Match(pat, role); ok {
			return true
		}
	}
	return false
}

func (d *drifter) inScope(o *Object) bool {
	if lint.IsPlaceholder(o.Schema) || lint.IsPlaceholder(o.Name) {
		return false // named when the migrations run
	}
	if len(d.cfg.Schemas) == 0 || o.Kind == Database {
		return true
	}
	schema := o.Schema
	if o.Kind == Schema {
		schema = o.Name
	}
	return slices.Contains(d.cfg.Schemas, schema)
}

func (d *drifter) add(unrecorded bool, role, kind, schema, object, format string, args ...any) {
	d.out = append(d.out, Difference{Unrecorded: unrecorded, Role: role, Kind: kind, Schema: schema, Object: object,
		Msg: fmt.Sprintf(format, args...)})
}

func (d *drifter) roles() {
	names := map[string]bool{}
	for n := range d.server.Roles {
		names[n] = true
	}
	for n, r := range d.migrations.Roles {
		if !r.External {
			names[n] = true
		}
	}
	for _, n := range sortedKeys(names) {
		if d.ignored(n) {
			continue
		}
		sr, mr := d.server.Roles[n], d.migrations.Roles[n]
		switch {
		case mr != nil && mr.External:
			continue // created outside the migrations, which only use it
		case mr == nil:
			what := "role"
			if sr.Attrs["LOGIN"] {
				what = "login role"
			}
			d.add(true, n, "role", "", n, "%s %s exists on the server, but no migration creates it", what, n)
			continue
		case sr == nil:
			d.add(false, n, "role", "", n, "role %s is created by the migrations, but the server has no such role", n)
			continue
		}
		for _, a := range privilegedAttrsAndLogin {
			switch {
			case sr.Attrs[a] && !mr.Attrs[a]:
				d.add(true, n, "role", "", n, "%s has %s on the server, which no migration gives it", n, a)
			case !sr.Attrs[a] && mr.Attrs[a]:
				d.add(false, n, "role", "", n, "the migrations give %s %s, which it lacks on the server", n, a)
			}
		}
		if sr.ValidUntil == "infinity" && mr.ValidUntil != "infinity" {
			d.add(true, n, "role", "", n, "%s has VALID UNTIL 'infinity' on the server; the migrations set %s", n, quoteOr(mr.ValidUntil))
		}
	}
}

func quoteOr(s string) string {
	if s == "" {
		return "not set"
	}
	return "'" + s + "'"
}

// privilegedAttrsAndLogin are the attributes compared.
var privilegedAttrsAndLogin = []string{"SUPERUSER", "CREATEROLE", "CREATEDB", "BYPASSRLS", "REPLICATION", "LOGIN"}

func (d *drifter) memberships() {
	type key struct{ role, member string }
	index := func(m *Model) map[key]*Membership {
		out := map[key]*Membership{}
		for _, ms := range m.Memberships {
			out[key{ms.Role, ms.Member}] = ms
		}
		return out
	}
	sm, mm := index(d.server), index(d.migrations)
	keys := map[key]bool{}
	for k := range sm {
		keys[k] = true
	}
	for k := range mm {
		keys[k] = true
	}
	sorted := make([]key, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Slice(sorted, func(i, j int) bool {
		if sorted[i].member != sorted[j].member {
			return sorted[i].member < sorted[j].member
		}
		return sorted[i].role < sorted[j].role
	})
	for _, k := range sorted {
		if d.ignored(k.member) || d.ignored(k.role) {
			continue
		}
		s, m := sm[k], mm[k]
		switch {
		case m == nil:
			d.add(true, k.member, "role", "", k.member, "%s is a member of %s%s on the server, which no migration grants", k.member, k.role, adminText(s.Admin))
		case s == nil:
			d.add(false, k.member, "role", "", k.member, "the migrations make %s a member of %s, which it is not on the server", k.member, k.role)
		case s.Admin && !m.Admin:
			d.add(true, k.member, "role", "", k.member, "%s is a member of %s WITH ADMIN OPTION on the server; the migrations grant it without", k.member, k.role)
		case !s.Admin && m.Admin:
			d.add(false, k.member, "role", "", k.member, "the migrations make %s a member of %s WITH ADMIN OPTION; on the server it has no admin option", k.member, k.role)
		}
	}
}

func adminText(admin bool) string {
	if admin {
		return " WITH ADMIN OPTION"
	}
	return ""
}

func (d *drifter) objects() {
	keys := map[string]bool{}
	for k, o := range d.server.objects {
		if d.inScope(o) && !(o.Kind == Database && o.Name != d.server.Database) {
			keys[k] = true
		}
	}
	for k, o := range d.migrations.objects {
		if d.inScope(o) && !(o.Kind == Database && o.Name != d.migrations.Database) {
			keys[k] = true
		}
	}
	var objs []*Object
	for k := range keys {
		if o := d.server.objects[k]; o != nil {
			objs = append(objs, o)
		} else {
			objs = append(objs, d.migrations.objects[k])
		}
	}
	sortObjects(objs)
	for _, o := range objs {
		k := objKey(o.Kind, o.Schema, o.Name)
		so, mo := d.server.objects[k], d.migrations.objects[k]
		if so != nil && mo != nil && so.Owner != mo.Owner && !d.ignored(so.Owner) {
			d.add(true, so.Owner, string(o.Kind), o.Schema, o.Name, "%s owns %s %s on the server; the migrations make %s its owner",
				so.Owner, o.Kind, o.QualifiedName(), mo.Owner)
		}
		d.acl(o, "", so, mo)
		cols := map[string]bool{}
		if so != nil {
			for _, c := range so.columnsWithACL() {
				cols[c] = true
			}
		}
		if mo != nil {
			for _, c := range mo.columnsWithACL() {
				cols[c] = true
			}
		}
		for _, c := range sortedKeys(cols) {
			d.acl(o, c, so, mo)
		}
	}
}

// grantItem is one privilege of a grantee from a grantor.
type grantItem struct {
	grantee, grantor, priv string
	grantable              bool
}

// aclItems lists o's items (of column col, or of the object when col is
// ""), leaving out what every object of the kind starts with: the owner's
// own privileges and PUBLIC's built-in ones.
func aclItems(o *Object, col string) []grantItem {
	if o == nil {
		return nil
	}
	var out []grantItem
	for g, byGrantor := range o.acl(col) {
		for gr, ps := range byGrantor {
			for p, opt := range ps {
				if col == "" && (g == o.Owner && gr == o.Owner && !opt || g == Public && builtinPublic(o, p)) {
					continue
				}
				out = append(out, grantItem{g, gr, p, opt})
			}
		}
	}
	return out
}

func (d *drifter) acl(o *Object, col string, so, mo *Object) {
	on := string(o.Kind) + " " + o.QualifiedName()
	name := o.Name
	kind := string(o.Kind)
	if col != "" {
		on = col + " of " + on
		name, kind = o.Name+"."+col, "column"
	}
	// The grantor is compared by role, with the owner on either side
	// taken as the same grantor: the owner grants in its own name.
	norm := func(obj *Object, it grantItem) grantItem {
		if obj != nil && it.grantor == obj.Owner {
			it.grantor = "\x00owner"
		}
		return it
	}
	type entry struct {
		item grantItem
		raw  grantItem
	}
	index := func(obj *Object) map[grantItem]grantItem {
		out := map[grantItem]grantItem{}
		for _, it := range aclItems(obj, col) {
			out[norm(obj, it)] = it
		}
		return out
	}
	si, mi := index(so), index(mo)
	var diffs []entry
	for k, raw := range si {
		if _, ok := mi[k]; !ok {
			diffs = append(diffs, entry{k, raw})
		}
	}
	for k, raw := range mi {
		if _, ok := si[k]; !ok {
			diffs = append(diffs, entry{k, raw})
		}
	}
	// One difference per grantee, grantor and side, privileges listed.
	type group struct {
		unrecorded       bool
		grantee, grantor string
		privs            []string
	}
	groups := map[string]*group{}
	for _, e := range diffs {
		_, unrecorded := si[e.item]
		if d.ignored(e.raw.grantee) || d.ignored(e.raw.grantor) && e.raw.grantor != ownerOf(so, mo) {
			continue
		}
		key := fmt.Sprint(!unrecorded, "\x00", e.raw.grantee, "\x00", e.raw.grantor) // unrecorded first
		g := groups[key]
		if g == nil {
			g = &group{unrecorded: unrecorded, grantee: e.raw.grantee, grantor: e.raw.grantor}
			groups[key] = g
		}
		p := e.raw.priv
		if e.raw.grantable {
			p += " WITH GRANT OPTION"
		}
		g.privs = append(g.privs, p)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		g := groups[k]
		sort.Slice(g.privs, func(i, j int) bool { return privOrder(o.Kind, g.privs[i]) < privOrder(o.Kind, g.privs[j]) })
		privs := strings.Join(g.privs, ", ")
		if g.unrecorded {
			d.add(true, g.grantee, kind, o.Schema, name, "%s holds %s on %s (granted by %s) on the server, which no migration grants",
				g.grantee, privs, on, g.grantor)
		} else {
			d.add(false, g.grantee, kind, o.Schema, name, "the migrations grant %s %s on %s (granted by %s), which it lacks on the server",
				g.grantee, privs, on, g.grantor)
		}
	}
}

func ownerOf(so, mo *Object) string {
	if so != nil {
		return so.Owner
	}
	if mo != nil {
		return mo.Owner
	}
	return ""
}

// privOrder orders privileges as PostgreSQL lists them for the kind.
func privOrder(k Kind, p string) int {
	p, _, _ = strings.Cut(p, " ")
	if i := slices.Index(kindPrivs[k], p); i >= 0 {
		return i
	}
	return len(kindPrivs[k])
}

func (d *drifter) defaults() {
	index := func(m *Model) map[string]*DefaultACL {
		out := map[string]*DefaultACL{}
		for _, da := range m.Defaults() {
			out[defaultsKey(da.Role, da.Schema, da.Kind)] = da
		}
		return out
	}
	sd, md := index(d.server), index(d.migrations)
	keys := map[string]bool{}
	for k := range sd {
		keys[k] = true
	}
	for k := range md {
		keys[k] = true
	}
	for _, k := range sortedKeys(keys) {
		s, m := sd[k], md[k]
		da := s
		if da == nil {
			da = m
		}
		if d.ignored(da.Role) || da.Schema != "" && len(d.cfg.Schemas) > 0 && !slices.Contains(d.cfg.Schemas, da.Schema) {
			continue
		}
		var sa, ma ACL
		if s != nil {
			sa = s.ACL
		} else {
			sa = aclDefault(da.Kind, da.Role)
		}
		if m != nil {
			ma = m.ACL
		} else if da.Schema == "" {
			ma = aclDefault(da.Kind, da.Role)
		}
		if da.Schema != "" && s == nil {
			sa = nil
		}
		where := da.Role
		if da.Schema != "" {
			where += " in schema " + da.Schema
		}
		obj := da.Role
		if da.Schema != "" {
			obj += "." + da.Schema
		}
		obj += " (" + string(da.Kind) + "s)"
		for _, g := range sortedKeys(unionKeys(sa, ma)) {
			if d.ignored(g) {
				continue
			}
			var extra, lack []string
			for _, p := range kindPrivs[da.Kind] {
				_, inS := sa[g][p]
				_, inM := ma[g][p]
				switch {
				case inS && !inM:
					extra = append(extra, p)
				case inM && !inS:
					lack = append(lack, p)
				}
			}
			if len(extra) > 0 {
				d.add(true, g, "default privileges", da.Schema, obj, "default privileges of %s give %s %s on new %ss on the server, which no migration sets up",
					where, g, strings.Join(extra, ", "), da.Kind)
			}
			if len(lack) > 0 {
				d.add(false, g, "default privileges", da.Schema, obj, "the migrations set up default privileges of %s giving %s %s on new %ss, which the server lacks",
					where, g, strings.Join(lack, ", "), da.Kind)
			}
		}
	}
}

func unionKeys(a, b ACL) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
