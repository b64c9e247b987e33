package access

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/grantguard/grantguard/lint"
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/proto"
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
	// At is the file offset of the clause that names the role (the
	// grantee, member or new owner), else of the statement.
	At int `json:"-"`
}

// policyFor returns the policy of a role: its [roles.NAME] table, where
// NAME is the role's name or, for a NAME with capitals, the name as
// PostgreSQL folds an unquoted identifier ([roles.App_RO] is role app_ro
// unless a quoted role "App_RO" exists under that exact name).
func policyFor(cfg *lint.Config, role string) (lint.RolePolicy, bool) {
	if pol, ok := cfg.Roles[role]; ok {
		return pol, true
	}
	for name, pol := range cfg.Roles {
		if name != role && strings.ToLower(name) == role {
			return pol, true
		}
	}
	return lint.RolePolicy{}, false
}

func polOf(cfg *lint.Config, role string) lint.RolePolicy {
	pol, _ := policyFor(cfg, role)
	return pol
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

// finding is one thing a declared role holds beyond its tier, keyed so
// that it is told once while it lasts.
type finding struct {
	key, text string
	// owner is set when the role holds it by owning the object (itself
	// or through a role it reaches), not through an ACL entry.
	owner bool
}

// tierRank orders the tiers, least privileged first.
func tierRank(tier string) int {
	return slices.Index([]string{"readonly", "readwrite", "admin", "superuser"}, tier)
}

// Predefined roles whose membership gives more than a tier allows.
var (
	// writeAllRoles give INSERT, UPDATE and DELETE on every table.
	writeAllRoles = map[string]string{"pg_write_all_data": "INSERT, UPDATE and DELETE on every table"}
)

// builtinPublic reports whether PUBLIC's privilege p on o is one every
// database starts with (acldefault: CONNECT and TEMPORARY on databases,
// EXECUTE on functions, USAGE on the public schema): held by every role
// everywhere, and not a migration's doing.
func builtinPublic(o *Object, p string) bool {
	switch o.Kind {
	case Database:
		return p == "CONNECT" || p == "TEMPORARY"
	case Function:
		return p == "EXECUTE"
	case Schema:
		return o.Name == "public" && p == "USAGE"
	}
	return false
}

// policyRole is a declared role while the history is replayed.
type policyRole struct {
	key   string // its [roles.KEY]
	name  string // the role it is (see resolve)
	pol   lint.RolePolicy
	reach []string // the roles whose privileges it can use, itself first, then PUBLIC last
	// byObj holds its findings on each object, role its findings on the
	// role itself (attributes, memberships) and on default privileges.
	byObj map[*Object][]finding
	role  []finding
}

// resolve sets the role's name from its [roles] key: the key itself when
// the model has that role, else the key as PostgreSQL folds an unquoted
// name (see policyFor).
func (pr *policyRole) resolve(m *Model) {
	if m.Roles[pr.key] == nil && m.Roles[strings.ToLower(pr.key)] != nil {
		pr.name = strings.ToLower(pr.key)
	} else {
		pr.name = pr.key
	}
}

// roleLevelFindings: attributes, superuser and predefined-role
// memberships, and default privileges beyond the tier.
func (pr *policyRole) roleLevelFindings(m *Model, cfg *lint.Config) []finding {
	var out []finding
	r := m.Roles[pr.name]
	if r == nil {
		return nil
	}
	if pr.pol.Tier != "superuser" {
		for _, a := range privilegedAttrs {
			if r.Attrs[a] {
				out = append(out, finding{key: "attr:" + a, text: a})
			}
		}
		if via := m.SuperuserVia(pr.name); via != "" && via != pr.name {
			out = append(out, finding{key: "su:" + via, text: "membership in superuser " + via})
		}
		for _, rr := range pr.reach[1:] {
			if rr != Public && m.Roles[rr] != nil && !m.Roles[rr].Attrs["SUPERUSER"] &&
				cfg.IsSuperuserEquivalent(rr) {
				out = append(out, finding{key: "su:" + rr, text: "membership in " + rr + ", which is equivalent to superuser"})
			}
		}
	}
	// Membership in a role of a higher tier is beyond the tier in itself,
	// whether or not that role holds anything yet: what it is given later
	// flows to the member.
	for _, rr := range pr.reach[1:] {
		if pol, ok := policyFor(cfg, rr); ok && tierRank(pol.Tier) > tierRank(pr.pol.Tier) {
			out = append(out, finding{key: "member:" + rr, text: "membership in " + rr + " (tier " + pol.Tier + ")"})
		}
	}
	if pr.pol.Tier == "readonly" {
		for _, rr := range pr.reach[1:] {
			if what, ok := writeAllRoles[rr]; ok {
				out = append(out, finding{key: "predefined:" + rr, text: "membership in " + rr + " (" + what + ")"})
			}
		}
	}
	// Default privileges hand out privileges on objects not created yet.
	for _, d := range m.Defaults() {
		probe := &Object{Kind: d.Kind, Schema: d.Schema, Name: "*"}
		for _, rr := range pr.reach {
			for _, p := range kindPrivs[d.Kind] {
				if _, ok := d.ACL[rr][p]; !ok || rr == d.Role || rr == Public && builtinPublic(probe, p) ||
					Within(pr.pol, probe, p) || allowed(pr.pol, probe, p) {
					continue
				}
				where := "in schema " + d.Schema
				if d.Schema == "" {
					where = "anywhere"
				}
				text := fmt.Sprintf("%s on %ss %s created by %s (default privileges)", p, d.Kind, where, d.Role)
				if rr != pr.name {
					text += " (through " + rr + ")"
				}
				out = append(out, finding{key: "default:" + d.Role + ":" + d.Schema + ":" + string(d.Kind) + ":" + p, text: text})
			}
		}
	}
	return out
}

// objectFindings lists what the role holds on o beyond its tier: by ACL
// entries of the roles it reaches (PUBLIC included), by ownership, and by
// column privileges.
func (pr *policyRole) objectFindings(cfg *lint.Config, o *Object) []finding {
	var out []finding
	type source struct {
		via   string
		owner bool
	}
	held := map[string]source{}
	for _, rr := range pr.reach {
		for p := range o.ACL[rr] {
			if _, ok := held[p]; !ok && !(rr == Public && builtinPublic(o, p)) {
				held[p] = source{via: rr}
			}
		}
		if o.Owner == rr {
			for _, p := range kindPrivs[o.Kind] {
				if s, ok := held[p]; !ok || !s.owner && s.via == rr {
					held[p] = source{via: rr, owner: true}
				}
			}
		}
	}
	beyond := func(p string, via string) bool {
		// An allow exception of the role that holds the privilege covers
		// its members too.
		return !Within(pr.pol, o, p) && !allowed(pr.pol, o, p) && !allowed(polOf(cfg, via), o, p)
	}
	for _, p := range kindPrivs[o.Kind] {
		src, ok := held[p]
		if !ok || !beyond(p, src.via) {
			continue
		}
		text := fmt.Sprintf("%s on %s %s", p, o.Kind, o.QualifiedName())
		switch {
		case src.owner && src.via == pr.name:
			text += " (owner)"
		case src.owner:
			text += " (owned by " + src.via + ")"
		case src.via != pr.name:
			text += " (through " + src.via + ")"
		}
		out = append(out, finding{key: "priv:" + string(o.Kind) + ":" + o.QualifiedName() + ":" + p, text: text, owner: src.owner})
	}
	// Column privileges: a readonly role with UPDATE (email) can still
	// write. Told per privilege and column.
	cols := make([]string, 0, len(o.Columns))
	for c := range o.Columns {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	for _, c := range cols {
		acl := o.Columns[c]
		for _, p := range kindPrivs[o.Kind] {
			if _, whole := held[p]; whole {
				continue // already judged on the whole table
			}
			for _, rr := range pr.reach {
				if _, ok := acl[rr][p]; !ok || !beyond(p, rr) {
					continue
				}
				text := fmt.Sprintf("%s (%s) on %s %s", p, c, o.Kind, o.QualifiedName())
				if rr != pr.name {
					text += " (through " + rr + ")"
				}
				out = append(out, finding{key: "col:" + o.QualifiedName() + ":" + c + ":" + p, text: text})
				break
			}
		}
	}
	return out
}

// Check replays the migrations (in the order given) and returns the model
// and the role-tier violations of cfg's [roles] policy: each reported at
// the statement that gives a declared role something beyond its tier
// (directly, through membership, through PUBLIC, by ownership or through
// default privileges), and again if it is taken away and given back; with
// require_declared_roles, also at the statement that first gives an
// undeclared role anything.
//
// Privileges an object has when it is created come from default
// privileges (reported at the ALTER DEFAULT PRIVILEGES that set them up) or
// from ownership (reported at the CREATE). The work per statement is
// proportional to the objects it changed; only statements on roles,
// memberships and default privileges re-examine everything.
func Check(ms []Migration, user, db string, cfg *lint.Config) (*Model, []Violation) {
	var out []Violation
	declared := make([]*policyRole, 0, len(cfg.Roles))
	for n, pol := range cfg.Roles {
		declared = append(declared, &policyRole{key: n, name: n, pol: pol, byObj: map[*Object][]finding{}})
	}
	sort.Slice(declared, func(i, j int) bool { return declared[i].name < declared[j].name })
	undeclaredTold := map[string]bool{}
	m := Replay(ms, user, db, func(m *Model, st Step) {
		scope := stepScope(st)
		if scope == scopeNone && len(m.changed) == 0 {
			return
		}
		// The objects the statement changed, once each, in report order.
		var changed []*Object
		if scope != scopeAll {
			seen := make(map[*Object]bool, len(m.changed))
			for _, o := range m.changed {
				if !seen[o] {
					seen[o] = true
					changed = append(changed, o)
				}
			}
			sortObjects(changed)
		}
		for _, pr := range declared {
			var fresh []string
			report := func(old, cur []finding, createdHere bool) {
				was := make(map[string]bool, len(old))
				for _, f := range old {
					was[f.key] = true
				}
				for _, f := range cur {
					// Default privileges that land on a new object were told
					// at the ALTER DEFAULT PRIVILEGES.
					if !was[f.key] && !(createdHere && !f.owner) {
						fresh = append(fresh, f.text)
					}
				}
			}
			// judge re-examines the role's findings on o.
			judge := func(o *Object) {
				cur := pr.objectFindings(cfg, o)
				report(pr.byObj[o], cur, m.created[o] && !st.Grant)
				if len(cur) > 0 {
					pr.byObj[o] = cur
				} else {
					delete(pr.byObj, o)
				}
			}
			if scope == scopeAll {
				pr.resolve(m)
				pr.reach = append(m.Reachable(pr.name, false), Public)
				cur := pr.roleLevelFindings(m, cfg)
				report(pr.role, cur, false)
				pr.role = cur
				seen := make(map[*Object]bool, len(m.objects))
				for _, o := range m.Objects() {
					seen[o] = true
					judge(o)
				}
				for o := range pr.byObj {
					if !seen[o] {
						delete(pr.byObj, o)
					}
				}
			} else {
				if pr.reach == nil {
					pr.resolve(m)
					pr.reach = append(m.Reachable(pr.name, false), Public)
				}
				for _, o := range changed {
					judge(o)
				}
				if scope == scopeDrop {
					for o := range pr.byObj {
						if m.objects[objKey(o.Kind, o.Schema, o.Name)] != o {
							delete(pr.byObj, o)
						}
					}
				}
			}
			if len(fresh) == 0 {
				continue
			}
			const maxListed = 4
			list := strings.Join(fresh[:min(len(fresh), maxListed)], ", ")
			if len(fresh) > maxListed {
				list += fmt.Sprintf(" and %d more", len(fresh)-maxListed)
			}
			out = append(out, Violation{st.Pos, pr.name, fmt.Sprintf("%s (tier %s) gets %s, beyond its tier", pr.name, pr.pol.Tier, list), roleAt(st, pr.name)})
		}
		if !cfg.RequireDeclaredRoles {
			return
		}
		candidates := map[string]bool{}
		if scope == scopeAll {
			for _, r := range m.RoleNames() {
				candidates[r] = true
			}
		} else {
			for _, o := range m.changed {
				for g := range o.ACL {
					candidates[g] = true
				}
				for _, acl := range o.Columns {
					for g := range acl {
						candidates[g] = true
					}
				}
			}
		}
		names := make([]string, 0, len(candidates))
		for r := range candidates {
			if _, ok := policyFor(cfg, r); !ok && !undeclaredTold[r] && r != m.User && r != Public && !strings.HasPrefix(r, "pg_") {
				names = append(names, r)
			}
		}
		sort.Strings(names)
		for _, role := range names {
			if holdsAnything(m, role, scope == scopeAll) {
				undeclaredTold[role] = true
				out = append(out, Violation{st.Pos, role, fmt.Sprintf("%s is granted privileges but has no tier in [roles] (require_declared_roles)", role), roleAt(st, role)})
			}
		}
	})
	return m, out
}

// scope is what a statement may have changed, for Check.
type scope int

const (
	scopeNone    scope = iota // nothing a policy looks at
	scopeChanged              // only the objects in Model.changed
	scopeDrop                 // those, and objects may have been dropped
	scopeAll                  // roles, memberships or default privileges: everything
)

// stepScope classifies a statement. Anything not known to be confined to
// the objects it changed is scopeAll.
func stepScope(st Step) scope {
	if st.Stmt == nil || st.Stmt.Node == nil {
		return scopeAll
	}
	switch st.Stmt.Node.Node.(type) {
	case *pg_query.Node_SelectStmt, *pg_query.Node_InsertStmt, *pg_query.Node_UpdateStmt, *pg_query.Node_DeleteStmt,
		*pg_query.Node_IndexStmt, *pg_query.Node_CommentStmt, *pg_query.Node_TransactionStmt, *pg_query.Node_CopyStmt,
		*pg_query.Node_VariableSetStmt, *pg_query.Node_DoStmt, *pg_query.Node_CreateTrigStmt, *pg_query.Node_RuleStmt,
		*pg_query.Node_CreateExtensionStmt, *pg_query.Node_TruncateStmt, *pg_query.Node_CreatePolicyStmt,
		*pg_query.Node_AlterPolicyStmt, *pg_query.Node_CreateEnumStmt, *pg_query.Node_CompositeTypeStmt,
		*pg_query.Node_CreateDomainStmt, *pg_query.Node_VacuumStmt, *pg_query.Node_ExplainStmt:
		return scopeNone
	case *pg_query.Node_GrantStmt, *pg_query.Node_CreateStmt, *pg_query.Node_CreateForeignTableStmt,
		*pg_query.Node_ViewStmt, *pg_query.Node_CreateTableAsStmt, *pg_query.Node_CreateSeqStmt,
		*pg_query.Node_CreateFunctionStmt, *pg_query.Node_AlterOwnerStmt,
		*pg_query.Node_CreatedbStmt, *pg_query.Node_AlterSeqStmt:
		return scopeChanged
	case *pg_query.Node_DropStmt, *pg_query.Node_AlterTableStmt: // DROP COLUMN drops owned sequences
		return scopeDrop
	}
	return scopeAll
}

// holdsAnything reports whether role was granted a privilege, a default
// privileges entry or a membership; with all unset, only memberships and
// privileges on the objects the statement changed are looked at.
func holdsAnything(m *Model, role string, all bool) bool {
	if len(m.MembershipsOf(role)) > 0 {
		return true
	}
	objs := m.changed
	if all {
		objs = m.Objects()
	}
	for _, o := range objs {
		if len(o.ACL[role]) > 0 && o.Owner != role {
			return true
		}
		for _, acl := range o.Columns {
			if len(acl[role]) > 0 {
				return true
			}
		}
	}
	if all {
		for _, d := range m.defaults {
			if len(d.ACL[role]) > 0 && d.Role != role {
				return true
			}
		}
	}
	return false
}

// roleAt is where a violation of role is reported in the statement of st:
// the role's name (grantee, member, new owner), else PUBLIC (for what
// PUBLIC was given), else the statement's start.
func roleAt(st Step, role string) int {
	if st.Stmt == nil || st.Stmt.Node == nil {
		return st.Offset
	}
	own, public := int32(-1), int32(-1)
	st.Stmt.Inspect(func(msg proto.Message) bool {
		rs, ok := msg.(*pg_query.RoleSpec)
		if !ok {
			return own < 0
		}
		switch {
		case own < 0 && rs.Roletype == pg_query.RoleSpecType_ROLESPEC_CSTRING && rs.Rolename == role:
			own = rs.Location
		case public < 0 && rs.Roletype == pg_query.RoleSpecType_ROLESPEC_PUBLIC:
			public = rs.Location
		}
		return own < 0
	})
	switch {
	case own >= 0:
		return st.Stmt.FileOffset(own)
	case public >= 0:
		return st.Stmt.FileOffset(public)
	}
	return st.Offset
}
