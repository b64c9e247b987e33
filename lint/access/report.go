package access

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/grantguard/grantguard/lint"
)

// Report is the static access review: what every role can do after the
// migrations, how it got there, and what the replay could not follow.
type Report struct {
	Database string `json:"database"`
	// Server, for a review of a live server (BuildLiveReport), names the
	// server and the role it was read as; Files is then empty.
	Server     string       `json:"server,omitempty"`
	User       string       `json:"migration_user"`
	Files      []string     `json:"migrations"`
	Roles      []RoleReport `json:"roles"`
	Schemas    []string     `json:"schemas"`
	Matrix     []MatrixRow  `json:"matrix"`
	Violations []Violation  `json:"violations"`
	Notes      []Note       `json:"notes"`
	// Public is what PUBLIC, and so every role, holds beyond what every
	// database starts with.
	Public []Grant `json:"public"`
	// RowSecurity is row-level security and what an HTTP API's roles
	// reach (see AddRowSecurity); nil when not computed.
	RowSecurity *RowSecurity `json:"row_security,omitempty"`
}

// RoleReport is one role of the review.
type RoleReport struct {
	Name string `json:"name"`
	// Tier is the declared tier, "" when the role has none.
	Tier       string   `json:"tier,omitempty"`
	Attributes []string `json:"attributes"`
	ValidUntil string   `json:"valid_until,omitempty"`
	// External roles are used by the migrations but not created by them.
	External bool `json:"external,omitempty"`
	// MemberOf are the direct memberships; Inherited every role whose
	// privileges the role inherits, directly or not.
	MemberOf  []MemberRef `json:"member_of"`
	Inherited []string    `json:"inherits_from"`
	// SetRole are the roles it can SET ROLE to without inheriting their
	// privileges (PostgreSQL 15 lets any member SET ROLE): the policy
	// counts what they hold.
	SetRole    []string `json:"can_set_role"`
	Privileges []Grant  `json:"privileges"`
	Violations []string `json:"violations"`
}

// MemberRef is a direct membership.
type MemberRef struct {
	Role    string `json:"role"`
	Admin   bool   `json:"admin_option"`
	Inherit bool   `json:"inherit"`
}

// Grant is what a role can do on one object.
type Grant struct {
	Kind       Kind     `json:"kind"`
	Object     string   `json:"object"`
	Privileges []string `json:"privileges"`
	// Via is the role the privileges come from when not the role itself
	// (one entry per privilege, "" for the role's own), Owner whether the
	// role owns the object.
	Via   []string `json:"via"`
	Owner bool     `json:"owner,omitempty"`
}

// MatrixRow is one role's row of the role × schema matrix.
type MatrixRow struct {
	Role  string   `json:"role"`
	Cells []string `json:"cells"` // by Report.Schemas; "" for nothing
}

// BuildReport replays the migrations (in the order given) and builds the
// review; cfg's [roles] give tiers and violations.
func BuildReport(ms []Migration, user, db string, cfg *lint.Config) *Report {
	m, vs := Check(ms, user, db, cfg)
	rep := buildReport(m, vs, cfg)
	for _, mg := range ms {
		rep.Files = append(rep.Files, mg.Path)
	}
	return rep
}

// BuildLiveReport builds the review of a live server's model (FromState),
// described by server ("PostgreSQL 15.8 as auditor"); cfg's [roles] give
// tiers and violations, each located at its object.
func BuildLiveReport(m *Model, server string, cfg *lint.Config) *Report {
	var vs []Violation
	for _, j := range Judge(m, cfg) {
		where := "role " + j.Role
		if j.Object != nil {
			where = string(j.Object.Kind) + " " + j.Object.QualifiedName()
		}
		vs = append(vs, Violation{Pos: Pos{Path: where}, Role: j.Role, Msg: j.Msg})
	}
	rep := buildReport(m, vs, cfg)
	rep.Server, rep.Files = server, []string{}
	return rep
}

// buildReport is the review of m with the policy violations vs.
func buildReport(m *Model, vs []Violation, cfg *lint.Config) *Report {
	user, db := m.User, m.Database
	rep := &Report{Database: db, User: user, Violations: vs, Notes: m.Notes}
	if rep.Violations == nil {
		rep.Violations = []Violation{}
	}
	if rep.Notes == nil {
		rep.Notes = []Note{}
	}
	objs := m.Objects()
	for _, o := range objs {
		if o.Kind == Schema {
			rep.Schemas = append(rep.Schemas, o.Name)
		}
	}
	held := indexHolders(objs)
	for _, name := range m.RoleNames() {
		if name == user || strings.HasPrefix(name, "pg_") {
			continue
		}
		r := m.Roles[name]
		pol, _ := policyFor(cfg, name)
		rr := RoleReport{Name: name, Tier: pol.Tier, ValidUntil: r.ValidUntil, External: r.External,
			MemberOf: []MemberRef{}, Inherited: []string{}, SetRole: []string{}, Privileges: []Grant{}, Violations: []string{}}
		for a, on := range r.Attrs {
			if on {
				rr.Attributes = append(rr.Attributes, a)
			}
		}
		sort.Strings(rr.Attributes)
		if rr.Attributes == nil {
			rr.Attributes = []string{}
		}
		for _, ms := range m.MembershipsOf(name) {
			rr.MemberOf = append(rr.MemberOf, MemberRef{ms.Role, ms.Admin, ms.Inherit && r.Attrs["INHERIT"]})
		}
		sort.Slice(rr.MemberOf, func(i, j int) bool { return rr.MemberOf[i].Role < rr.MemberOf[j].Role })
		inh := m.Reachable(name, true)[1:]
		slices.Sort(inh)
		rr.Inherited = append(rr.Inherited, inh...)
		for _, sr := range m.Reachable(name, false)[1:] {
			if !slices.Contains(inh, sr) {
				rr.SetRole = append(rr.SetRole, sr)
			}
		}
		slices.Sort(rr.SetRole)
		row := MatrixRow{Role: name, Cells: make([]string, len(rep.Schemas))}
		perSchema := map[string]map[Kind]map[string]bool{}
		reach := m.Reachable(name, true)
		for _, o := range held.of(reach) {
			eff := effectiveFrom(reach, o)
			g := Grant{Kind: o.Kind, Object: o.QualifiedName(), Owner: o.Owner == name}
			for _, p := range kindPrivs[o.Kind] {
				if via, ok := eff[p]; ok {
					g.Privileges = append(g.Privileges, p)
					if via == name {
						via = ""
					}
					g.Via = append(g.Via, via)
				}
			}
			// Column privileges the role does not hold on the whole table.
			for _, c := range sortedKeys(o.Columns) {
				for _, p := range kindPrivs[o.Kind] {
					if _, whole := eff[p]; whole {
						continue
					}
					for _, r := range reach {
						if _, ok := o.Columns[c][r][p]; ok {
							g.Privileges = append(g.Privileges, p+" ("+c+")")
							if r == name {
								r = ""
							}
							g.Via = append(g.Via, r)
							break
						}
					}
				}
			}
			if len(g.Privileges) == 0 {
				continue
			}
			rr.Privileges = append(rr.Privileges, g)
			sc := o.Schema
			if o.Kind == Schema {
				sc = o.Name
			}
			if sc == "" {
				continue
			}
			if perSchema[sc] == nil {
				perSchema[sc] = map[Kind]map[string]bool{}
			}
			if perSchema[sc][o.Kind] == nil {
				perSchema[sc][o.Kind] = map[string]bool{}
			}
			for _, p := range g.Privileges {
				perSchema[sc][o.Kind][p] = true
			}
		}
		for i, sc := range rep.Schemas {
			var parts []string
			for _, k := range []Kind{Schema, Table, Sequence, Function} {
				var ps []string
				for _, p := range kindPrivs[k] {
					if perSchema[sc][k][p] {
						ps = append(ps, p)
					}
				}
				if len(ps) == 0 {
					continue
				}
				label := string(k) + "s"
				if k == Schema {
					label = "schema"
				}
				parts = append(parts, label+": "+strings.Join(ps, ", "))
			}
			row.Cells[i] = strings.Join(parts, "; ")
		}
		rep.Matrix = append(rep.Matrix, row)
		for _, v := range vs {
			if v.Role == name {
				if v.Line > 0 {
					rr.Violations = append(rr.Violations, fmt.Sprintf("%s (%s:%d)", v.Msg, v.Path, v.Line))
				} else {
					rr.Violations = append(rr.Violations, fmt.Sprintf("%s (%s)", v.Msg, v.Path))
				}
			}
		}
		rep.Roles = append(rep.Roles, rr)
	}
	if rep.Roles == nil {
		rep.Roles = []RoleReport{}
	}
	rep.Public = []Grant{}
	for _, o := range objs {
		g := Grant{Kind: o.Kind, Object: o.QualifiedName()}
		for _, p := range kindPrivs[o.Kind] {
			if _, ok := o.ACL[Public][p]; ok && !builtinPublic(o, p) {
				g.Privileges = append(g.Privileges, p)
				g.Via = append(g.Via, "")
			}
		}
		if len(g.Privileges) > 0 {
			rep.Public = append(rep.Public, g)
		}
	}
	return rep
}

// holders indexes, for each role, the objects it owns or holds a privilege
// or column privilege on, so a report visits only those.
type holders struct {
	pos   map[*Object]int // report order
	byRol map[string][]*Object
}

func indexHolders(objs []*Object) holders {
	h := holders{pos: make(map[*Object]int, len(objs)), byRol: map[string][]*Object{}}
	for i, o := range objs {
		h.pos[o] = i
		seen := map[string]bool{o.Owner: true}
		h.byRol[o.Owner] = append(h.byRol[o.Owner], o)
		add := func(g string) {
			if !seen[g] {
				seen[g] = true
				h.byRol[g] = append(h.byRol[g], o)
			}
		}
		for g := range o.ACL {
			add(g)
		}
		for _, acl := range o.Columns {
			for g := range acl {
				add(g)
			}
		}
	}
	return h
}

// of returns the objects any of roles holds something on, in report order.
func (h holders) of(roles []string) []*Object {
	if len(roles) == 1 {
		return h.byRol[roles[0]]
	}
	seen := map[*Object]bool{}
	var out []*Object
	for _, r := range roles {
		for _, o := range h.byRol[r] {
			if !seen[o] {
				seen[o] = true
				out = append(out, o)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return h.pos[out[i]] < h.pos[out[j]] })
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
