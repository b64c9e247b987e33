package access

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/grantguard/grantguard/lint"
)

// Tier privilege sets: what a role of the tier may hold, by object kind.
var (
	readonlyPrivs = map[Kind][]string{
		Table: {"SELECT"}, Sequence: {"USAGE", "SELECT"}, Schema: {"USAGE"}, Database: {"CONNECT"}, Function: {"EXECUTE"},
	}
	readwritePrivs = map[Kind][]string{
		Table: {"SELECT", "INSERT", "UPDATE", "DELETE"}, Sequence: {"USAGE", "SELECT", "UPDATE"},
		Schema: {"USAGE"}, Database: {"CONNECT"}, Function: {"EXECUTE"},
	}
	// privilegedAttrs are the role attributes only the superuser tier may
	// have: each reaches beyond any one schema.
	privilegedAttrs = []string{"SUPERUSER", "CREATEROLE", "CREATEDB", "BYPASSRLS", "REPLICATION"}
)

// Violation is a role-tier-violation: what a statement gave a declared role
// beyond its tier.
type Violation struct {
	Pos
	Role string `json:"role"`
	Msg  string `json:"message"`
}

// Within reports whether a role of policy pol may hold priv on o.
func Within(pol lint.RolePolicy, o *Object, priv string) bool {
	switch pol.Tier {
	case "superuser":
		return true
	case "admin":
		sc := o.Schema
		if o.Kind == Schema {
			sc = o.Name
		}
		if sc != "" && slices.Contains(pol.Schemas, sc) {
			return true
		}
		return slices.Contains(readwritePrivs[o.Kind], priv) // outside its schemas, data access only
	case "readwrite":
		return slices.Contains(readwritePrivs[o.Kind], priv)
	}
	return slices.Contains(readonlyPrivs[o.Kind], priv)
}

// allowed reports whether an allow entry ("TRUNCATE ON app.audit",
// "USAGE ON SCHEMA app", globs with *) covers priv on o.
func allowed(pol lint.RolePolicy, o *Object, priv string) bool {
	for _, a := range pol.Allow {
		f := strings.Fields(a)
		if len(f) < 3 || f[0] != priv {
			continue
		}
		obj := f[2:]
		if len(obj) == 2 {
			if Kind(strings.ToLower(obj[0])) != o.Kind {
				continue
			}
			obj = obj[1:]
		}
		if ok, _ := path.Match(strings.ToLower(obj[0]), strings.ToLower(o.QualifiedName())); ok {
			return true
		}
	}
	return false
}

type finding struct{ key, text string }

// roleFindings lists what role holds beyond pol, keyed so each is told once.
func roleFindings(m *Model, role string, cfg *lint.Config) []finding {
	pol := cfg.Roles[role]
	var out []finding
	r := m.Roles[role]
	if r == nil {
		return nil
	}
	if pol.Tier != "superuser" {
		for _, a := range privilegedAttrs {
			if r.Attrs[a] {
				out = append(out, finding{"attr:" + a, a})
			}
		}
		if via := m.SuperuserVia(role); via != "" && via != role {
			out = append(out, finding{"su:" + via, "membership in superuser " + via})
		}
	}
	reach := m.Reachable(role, false)
	for _, o := range m.Objects() {
		held := map[string]string{}
		for _, rr := range reach {
			for p := range o.ACL[rr] {
				if _, ok := held[p]; !ok {
					held[p] = rr
				}
			}
			if o.Owner == rr {
				for _, p := range kindPrivs[o.Kind] {
					if _, ok := held[p]; !ok {
						held[p] = rr
					}
				}
			}
		}
		for _, p := range kindPrivs[o.Kind] {
			via, ok := held[p]
			// An allow exception of the role that holds the privilege
			// covers its members too.
			if !ok || Within(pol, o, p) || allowed(pol, o, p) || allowed(cfg.Roles[via], o, p) {
				continue
			}
			text := fmt.Sprintf("%s on %s %s", p, o.Kind, o.QualifiedName())
			if via != role {
				text += " (through " + via + ")"
			}
			out = append(out, finding{"priv:" + string(o.Kind) + ":" + o.QualifiedName() + ":" + p, text})
		}
	}
	// Default privileges hand out privileges on objects not created yet.
	for _, d := range m.Defaults() {
		probe := &Object{Kind: d.Kind, Schema: d.Schema, Name: "*"}
		for _, rr := range reach {
			for _, p := range kindPrivs[d.Kind] {
				if _, ok := d.ACL[rr][p]; !ok || rr == d.Role || Within(pol, probe, p) || allowed(pol, probe, p) {
					continue
				}
				where := "in schema " + d.Schema
				if d.Schema == "" {
					where = "anywhere"
				}
				text := fmt.Sprintf("%s on %ss %s created by %s (default privileges)", p, d.Kind, where, d.Role)
				if rr != role {
					text += " (through " + rr + ")"
				}
				out = append(out, finding{"default:" + d.Role + ":" + d.Schema + ":" + string(d.Kind) + ":" + p, text})
			}
		}
	}
	return out
}

// holdsAnything reports whether role was granted a privilege, a default
// privilege or a membership.
func holdsAnything(m *Model, role string) bool {
	if len(m.MembershipsOf(role)) > 0 {
		return true
	}
	for _, o := range m.objects {
		if len(o.ACL[role]) > 0 && o.Owner != role {
			return true
		}
	}
	for _, d := range m.defaults {
		if len(d.ACL[role]) > 0 && d.Role != role {
			return true
		}
	}
	return false
}

// Check replays the migrations (in the order given) and returns the model
// and the role-tier violations of cfg's [roles] policy: each reported at
// the statement that first gives a declared role something beyond its tier
// (directly, through membership, by ownership or through default
// privileges), and, with require_declared_roles, at the statement that
// first gives an undeclared role anything.
func Check(ms []Migration, user, db string, cfg *lint.Config) (*Model, []Violation) {
	var out []Violation
	told := map[string]map[string]bool{}
	undeclaredTold := map[string]bool{}
	declared := make([]string, 0, len(cfg.Roles))
	for n := range cfg.Roles {
		declared = append(declared, n)
	}
	sort.Strings(declared)
	m := Replay(ms, user, db, func(m *Model, st Step) {
		for _, role := range declared {
			pol := cfg.Roles[role]
			if told[role] == nil {
				told[role] = map[string]bool{}
			}
			var fresh []string
			for _, f := range roleFindings(m, role, cfg) {
				if !told[role][f.key] {
					told[role][f.key] = true
					fresh = append(fresh, f.text)
				}
			}
			// Privileges that appear when an object is created come from
			// default privileges or ownership set up before, and were
			// reported at that statement.
			if len(fresh) == 0 || !st.Grant {
				continue
			}
			const maxListed = 4
			list := strings.Join(fresh[:min(len(fresh), maxListed)], ", ")
			if len(fresh) > maxListed {
				list += fmt.Sprintf(" and %d more", len(fresh)-maxListed)
			}
			out = append(out, Violation{st.Pos, role, fmt.Sprintf("%s (tier %s) gets %s, beyond its tier", role, pol.Tier, list)})
		}
		if !cfg.RequireDeclaredRoles || !st.Grant {
			return
		}
		for _, role := range m.RoleNames() {
			if _, ok := cfg.Roles[role]; ok || undeclaredTold[role] || role == m.User || strings.HasPrefix(role, "pg_") {
				continue
			}
			if holdsAnything(m, role) {
				undeclaredTold[role] = true
				out = append(out, Violation{st.Pos, role, fmt.Sprintf("%s is granted privileges but has no tier in [roles] (require_declared_roles)", role)})
			}
		}
	})
	return m, out
}
