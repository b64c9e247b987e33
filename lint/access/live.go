package access

import (
	"fmt"
	"sort"
	"strings"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/live"
)

// FromState returns the model of a live server's state (see package
// live): the same shape the migrations are replayed into, so the two can
// be compared (Drift) and judged by the same policy (Judge). The model's
// User is the bootstrap superuser.
func FromState(st *live.State) *Model {
	m := &Model{Roles: map[string]*Role{}, objects: map[string]*Object{}, defaults: map[string]*DefaultACL{},
		User: st.Server.Bootstrap, Database: st.Server.Database}
	m.newSession()
	for _, r := range st.Roles {
		attrs := map[string]bool{}
		for _, a := range r.Attributes() {
			attrs[a] = true
		}
		m.Roles[r.Name] = &Role{Name: r.Name, Attrs: attrs, ValidUntil: r.ValidUntil}
	}
	for _, ms := range st.Memberships {
		m.Memberships = append(m.Memberships, &Membership{Role: ms.Role, Member: ms.Member, Admin: ms.Admin, Inherit: true})
	}
	for i := range st.Objects {
		lo := &st.Objects[i]
		o := &Object{Kind: Kind(lo.Kind), Schema: lo.Schema, Name: lo.Name, Owner: lo.Owner}
		if o.Kind == Function {
			o.fname, o.args, _ = strings.Cut(strings.TrimSuffix(lo.Name, ")"), "(")
			o.proc = lo.Procedure
		}
		o.grants = itemsOfGrants(lo.ACL)
		o.colGrants = map[string]items{}
		for c, gs := range lo.Columns {
			o.colGrants[c] = itemsOfGrants(gs)
		}
		o.sync(nil)
		m.put(o)
	}
	for _, d := range st.Defaults {
		acl := ACL{}
		for _, g := range d.ACL {
			acl.grant(g.Grantee, []string{g.Privilege}, g.Grantable)
		}
		kind := Kind(d.Kind)
		m.defaults[defaultsKey(d.Role, d.Schema, kind)] = &DefaultACL{Role: d.Role, Schema: d.Schema, Kind: kind, ACL: acl}
	}
	return m
}

func itemsOfGrants(gs []live.Grant) items {
	it := items{}
	for _, g := range gs {
		it.add(g.Grantee, g.Grantor, []string{g.Privilege}, g.Grantable)
	}
	return it
}

// Judgement is what a declared role holds beyond its tier in a state: on
// one object, or (Object nil) as the role itself (attributes,
// memberships, default privileges).
type Judgement struct {
	Role   string
	Object *Object
	Msg    string
}

// Judge returns what each role declared in cfg's [roles] holds beyond its
// tier in m, as it stands (role-tier-violation on a live server): one
// judgement for the role's own findings, one per object; with
// require_declared_roles, one for each undeclared role that holds
// anything. The order is stable: by role, the role's own first, then by
// object.
func Judge(m *Model, cfg *lint.Config) []Judgement {
	var out []Judgement
	names := make([]string, 0, len(cfg.Roles))
	for n := range cfg.Roles {
		names = append(names, n)
	}
	sort.Strings(names)
	objs := m.Objects()
	for _, n := range names {
		pr := &policyRole{key: n, name: n, pol: cfg.Roles[n]}
		pr.resolve(m)
		if m.Roles[pr.name] == nil {
			continue
		}
		pr.reach = append(m.Reachable(pr.name, false), Public)
		say := func(o *Object, fs []finding) {
			if len(fs) == 0 {
				return
			}
			texts := make([]string, len(fs))
			on := ""
			for i, f := range fs {
				texts[i] = f.text
				if o != nil {
					// The object is the finding's location: named once.
					on = " on " + string(o.Kind) + " " + o.QualifiedName()
					texts[i] = strings.Replace(f.text, on, "", 1)
				}
			}
			out = append(out, Judgement{Role: pr.name, Object: o,
				Msg: fmt.Sprintf("%s (tier %s) holds %s%s, beyond its tier", pr.name, pr.pol.Tier, strings.Join(texts, ", "), on)})
		}
		say(nil, pr.roleLevelFindings(m, cfg))
		for _, o := range objs {
			say(o, pr.objectFindings(cfg, o))
		}
	}
	if cfg.RequireDeclaredRoles {
		for _, r := range m.RoleNames() {
			if _, ok := policyFor(cfg, r); ok || r == m.User || strings.HasPrefix(r, "pg_") {
				continue
			}
			if holdsAnything(m, r, true) {
				out = append(out, Judgement{Role: r, Msg: fmt.Sprintf("%s holds privileges but has no tier in [roles] (require_declared_roles)", r)})
			}
		}
	}
	return out
}
