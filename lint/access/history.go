package access

import (
	"regexp"
	"slices"
	"strings"

	"github.com/grantguard/grantguard/lint"
	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// The rules whose problem a later migration can undo.
const (
	ruleSuperuser      = "superuser-grant"
	ruleRoleAttribute  = "privileged-role-attribute"
	rulePasswordExpiry = "password-no-expiry"
	ruleGrantAll       = "grant-all"
	ruleGrantPublic    = "grant-to-public"
	ruleGrantOption    = "grant-option"
	ruleDefinerPath    = "security-definer-search-path"
)

// HistoryRules are the rules Undone knows the undoing of.
var HistoryRules = []string{ruleSuperuser, ruleRoleAttribute, rulePasswordExpiry, ruleGrantAll,
	ruleGrantPublic, ruleGrantOption, ruleDefinerPath}

// undoWords finds the statements that can undo a problem: without one in
// any file, no problem is undone and the history need not be replayed.
var undoWords = regexp.MustCompile(`(?i)\brevoke\b|\bno(?:superuser|createrole|createdb|bypassrls|replication)\b|\bdrop\s|\bvalid\s+until\b|\bsearch_path\b|\bsecurity\s+invoker\b|\bdefault\s+privileges\b`)

// Undone replays files (a run's SQL files) as one migration history, in the
// order migration tools apply them (see Order), and returns the statements
// whose problem a later statement undoes:
//
//   - superuser-grant: a role given SUPERUSER later made NOSUPERUSER or
//     dropped; a membership in a superuser-equivalent role later revoked,
//     or that role demoted (ALTER ROLE postgres NOSUPERUSER, before or
//     after the grant);
//   - privileged-role-attribute: every attribute the statement gave later
//     taken away (NOCREATEROLE, ...) or the role dropped;
//   - password-no-expiry: VALID UNTIL later set to a date, or the role
//     dropped;
//   - grant-all, grant-to-public, grant-option: the privileges (or the
//     grant option, or ADMIN OPTION) later revoked on every object the
//     statement granted them on, or the objects or grantees dropped; the
//     same for default privileges;
//   - security-definer-search-path: the function later replaced with a
//     search_path or without SECURITY DEFINER, altered to have one, or
//     dropped;
//   - any of these in a function's body (an event trigger that grants):
//     the function later replaced or dropped.
//
// A statement's problem is undone only when all of it is: a GRANT ALL on
// two tables of which one is later revoked is still reported.
func Undone(files []*lint.File, cfg *lint.Config) []lint.Undone {
	if len(files) < 2 {
		return nil
	}
	found := false
	for _, f := range files {
		if undoWords.Match(f.Src) {
			found = true
			break
		}
	}
	if !found {
		return nil
	}
	ms := make([]Migration, len(files))
	for i, f := range files {
		ms[i] = Migration{Path: f.Path, Src: f.Src}
	}
	w := &watch{cfg: cfg, demoted: map[string]bool{}, funcs: map[*Object]funcState{}, defs: map[*Object]int{}}
	Replay(Order(ms), "postgres", "postgres", w.observe)
	return w.undone
}

// problem is what one statement did that a rule reports, and how to tell
// whether it still holds.
type problem struct {
	at    lint.Undone
	holds func(m *Model) bool
	// also are further statements undone with at: the problems of a
	// function body, which share one test.
	also []lint.Undone
}

// funcState is what the search-path rule cares about in a function.
type funcState struct{ definer, path bool }

// watch follows a replay, collecting problems and noticing when a later
// statement undoes them.
type watch struct {
	cfg     *lint.Config
	open    []problem
	undone  []lint.Undone
	demoted map[string]bool // roles a migration made NOSUPERUSER
	funcs   map[*Object]funcState
	// defs counts the CREATE [OR REPLACE] statements of each function:
	// what a body holds is gone once a later one replaces it.
	defs map[*Object]int
}

func (w *watch) observe(m *Model, st Step) {
	n := st.Stmt.Node
	w.track(m, n)
	if mayUndo(n) {
		w.open = slices.DeleteFunc(w.open, func(p problem) bool {
			if p.holds(m) {
				return false
			}
			w.undone = append(append(w.undone, p.at), p.also...)
			return true
		})
	}
	for _, p := range w.problems(m, st) {
		if p.holds(m) {
			w.open = append(w.open, p)
		} else {
			// Already undone: a grant of a role an earlier migration
			// demoted.
			w.undone = append(append(w.undone, p.at), p.also...)
		}
	}
}

// mayUndo reports whether statement n can take back what an earlier one
// gave.
func mayUndo(n *pg_query.Node) bool {
	switch s := n.Node.(type) {
	case *pg_query.Node_AlterRoleStmt, *pg_query.Node_DropRoleStmt, *pg_query.Node_DropStmt,
		*pg_query.Node_DropOwnedStmt, *pg_query.Node_ReassignOwnedStmt, *pg_query.Node_AlterOwnerStmt,
		*pg_query.Node_CreateFunctionStmt, *pg_query.Node_AlterFunctionStmt:
		return true
	case *pg_query.Node_GrantStmt:
		return !s.GrantStmt.IsGrant
	case *pg_query.Node_GrantRoleStmt:
		return !s.GrantRoleStmt.IsGrant
	case *pg_query.Node_AlterDefaultPrivilegesStmt:
		return !s.AlterDefaultPrivilegesStmt.GetAction().GetIsGrant()
	}
	return false
}

// track keeps what the model does not: roles demoted by a migration, and
// functions' SECURITY DEFINER and search_path.
func (w *watch) track(m *Model, n *pg_query.Node) {
	switch s := n.Node.(type) {
	case *pg_query.Node_AlterRoleStmt:
		name := roleName(s.AlterRoleStmt.Role, m)
		for _, d := range defElems(s.AlterRoleStmt.Options) {
			if d.Defname == "superuser" {
				if defOn(d) {
					delete(w.demoted, name)
				} else {
					w.demoted[name] = true
				}
			}
		}
	case *pg_query.Node_CreateFunctionStmt:
		f := s.CreateFunctionStmt
		if o := m.functionOf(f); o != nil {
			var st funcState
			for _, d := range defElems(f.Options) {
				switch {
				case d.Defname == "security":
					st.definer = defOn(d)
				case d.Defname == "set" && strings.EqualFold(d.Arg.GetVariableSetStmt().GetName(), "search_path"):
					st.path = true
				}
			}
			w.funcs[o] = st
			w.defs[o]++
		}
	case *pg_query.Node_AlterFunctionStmt:
		a := s.AlterFunctionStmt
		os, _ := m.funcs(m.funcRef(a.Func), a.Objtype)
		for _, o := range os {
			st := w.funcs[o]
			for _, d := range defElems(a.Actions) {
				switch d.Defname {
				case "security":
					st.definer = defOn(d)
				case "set":
					v := d.Arg.GetVariableSetStmt()
					switch {
					case v.GetKind() == pg_query.VariableSetKind_VAR_RESET_ALL:
						st.path = false
					case strings.EqualFold(v.GetName(), "search_path"):
						st.path = v.GetKind() != pg_query.VariableSetKind_VAR_RESET
					}
				}
			}
			w.funcs[o] = st
		}
	}
}

// problems returns what statement st did that a rule reports.
func (w *watch) problems(m *Model, st Step) []problem {
	at := func(rule string) lint.Undone {
		end := st.End
		if end <= st.Offset {
			end = st.Offset + 1
		}
		return lint.Undone{Path: st.Path, Start: st.Offset, End: end, Rule: rule}
	}
	var out []problem
	switch s := st.Stmt.Node.Node.(type) {
	case *pg_query.Node_CreateRoleStmt:
		out = w.roleProblems(m, m.Roles[s.CreateRoleStmt.Role], s.CreateRoleStmt.Options, at)
	case *pg_query.Node_AlterRoleStmt:
		if s.AlterRoleStmt.Role != nil {
			out = w.roleProblems(m, m.Roles[roleName(s.AlterRoleStmt.Role, m)], s.AlterRoleStmt.Options, at)
		}
	case *pg_query.Node_GrantRoleStmt:
		out = w.membershipProblems(m, s.GrantRoleStmt, at)
	case *pg_query.Node_GrantStmt:
		if g := s.GrantStmt; g.IsGrant {
			out = objectProblems(m, g, m.changed, at)
		}
	case *pg_query.Node_AlterDefaultPrivilegesStmt:
		if g := s.AlterDefaultPrivilegesStmt.GetAction(); g.GetIsGrant() {
			out = defaultProblems(m, s.AlterDefaultPrivilegesStmt, at)
		}
	case *pg_query.Node_CreateFunctionStmt:
		o := m.functionOf(s.CreateFunctionStmt)
		if o == nil {
			break
		}
		if w.funcs[o].definer && !w.funcs[o].path {
			out = append(out, problem{at: at(ruleDefinerPath), holds: func(m *Model) bool {
				return m.alive(o) && w.funcs[o].definer && !w.funcs[o].path
			}})
		}
		// What the body does (an event trigger's GRANTs, say) is gone once
		// a later migration replaces or drops the function.
		def := w.defs[o]
		body := problem{holds: func(m *Model) bool { return m.alive(o) && w.defs[o] == def }}
		for _, rule := range HistoryRules {
			switch {
			case rule == ruleDefinerPath:
			case body.at.Rule == "":
				body.at = at(rule)
			default:
				body.also = append(body.also, at(rule))
			}
		}
		out = append(out, body)
	}
	return out
}

// roleProblems are the attributes a CREATE or ALTER ROLE gives r.
func (w *watch) roleProblems(m *Model, r *Role, opts []*pg_query.Node, at func(string) lint.Undone) []problem {
	if r == nil {
		return nil
	}
	var out []problem
	live := func(m *Model) bool { return m.Roles[r.Name] == r }
	var attrs []string
	for _, d := range defElems(opts) {
		switch d.Defname {
		case "superuser":
			if defOn(d) {
				out = append(out, problem{at: at(ruleSuperuser), holds: func(m *Model) bool { return live(m) && r.Attrs["SUPERUSER"] }})
			}
		case "createdb", "createrole", "bypassrls", "isreplication":
			if defOn(d) {
				attrs = append(attrs, roleAttrs[d.Defname])
			}
		case "validUntil":
			if isInfinity(d.Arg.GetString_().GetSval()) {
				out = append(out, problem{at: at(rulePasswordExpiry), holds: func(m *Model) bool { return live(m) && isInfinity(r.ValidUntil) }})
			}
		}
	}
	if len(attrs) > 0 {
		out = append(out, problem{at: at(ruleRoleAttribute), holds: func(m *Model) bool {
			return live(m) && slices.ContainsFunc(attrs, func(a string) bool { return r.Attrs[a] })
		}})
	}
	return out
}

func isInfinity(v string) bool { return strings.EqualFold(strings.TrimSpace(v), "infinity") }

// membershipProblems are the memberships a GRANT role TO member gives: in a
// superuser-equivalent role, and WITH ADMIN OPTION.
func (w *watch) membershipProblems(m *Model, g *pg_query.GrantRoleStmt, at func(string) lint.Undone) []problem {
	if !g.IsGrant {
		return nil
	}
	admin := false
	for _, d := range defElems(g.Opt) {
		if d.Defname == "admin" {
			admin = defOn(d)
		}
	}
	var super, all []*Membership
	for _, gr := range g.GrantedRoles {
		role := gr.GetAccessPriv().GetPrivName()
		for _, ge := range g.GranteeRoles {
			ms := m.membership(role, roleName(ge.GetRoleSpec(), m))
			if ms == nil {
				continue
			}
			all = append(all, ms)
			if w.superuserEquivalent(role) {
				super = append(super, ms)
			}
		}
	}
	live := func(m *Model, ms *Membership) bool { return slices.Contains(m.Memberships, ms) }
	var out []problem
	if len(super) > 0 {
		out = append(out, problem{at: at(ruleSuperuser), holds: func(m *Model) bool {
			return slices.ContainsFunc(super, func(ms *Membership) bool {
				return live(m, ms) && w.superuserEquivalent(ms.Role) && !w.demoted[ms.Role]
			})
		}})
	}
	if admin && len(all) > 0 {
		out = append(out, problem{at: at(ruleGrantOption), holds: func(m *Model) bool {
			return slices.ContainsFunc(all, func(ms *Membership) bool { return live(m, ms) && ms.Admin })
		}})
	}
	return out
}

// superuserEquivalent is the rule's list: built in (any case, as the
// rule matches it) unless config takes it off, or added by config.
func (w *watch) superuserEquivalent(role string) bool {
	if w.cfg.IsSuperuserEquivalent(role) {
		return true
	}
	for _, r := range lint.SuperuserEquivalents {
		if strings.EqualFold(r, role) && !slices.Contains(w.cfg.NotSuperuserRoles, r) {
			return true
		}
	}
	return false
}

// grantee is a role a privilege was granted to: followed through renames,
// gone when dropped. PUBLIC has no role.
type grantee struct {
	public bool
	role   *Role
}

func (g grantee) name() string {
	if g.public {
		return Public
	}
	return g.role.Name
}

func (g grantee) alive(m *Model) bool { return g.public || m.Roles[g.role.Name] == g.role }

func grantees(m *Model, specs []*pg_query.Node) []grantee {
	var out []grantee
	for _, ge := range specs {
		name := roleName(ge.GetRoleSpec(), m)
		if name == Public {
			out = append(out, grantee{public: true})
		} else if r := m.Roles[name]; r != nil {
			out = append(out, grantee{role: r})
		}
	}
	return out
}

// stmtPrivs are the privileges a GRANT names on an object of kind k (all
// of the kind's for ALL); column privileges are left out.
func stmtPrivs(privs []*pg_query.Node, k Kind) []string {
	if len(privs) == 0 {
		return kindPrivs[k]
	}
	var out []string
	for _, p := range privs {
		ap := p.GetAccessPriv()
		if ap == nil || len(ap.Cols) > 0 {
			continue
		}
		out = append(out, strings.ToUpper(ap.PrivName))
	}
	return out
}

// aclProblems judges the grant-all, grant-to-public and grant-option
// problems of a GRANT whose privileges privs went to gs on the ACLs acls
// returns (one per object or default-privileges entry, nil once gone).
func aclProblems(g *pg_query.GrantStmt, gs []grantee, n int, acls func(m *Model, i int) (ACL, Kind), at func(string) lint.Undone) []problem {
	if n == 0 || len(gs) == 0 {
		return nil
	}
	// anyHeld reports whether some grantee still holds, on some object, a
	// privilege that held (grantee, acl, privileges) accepts.
	anyHeld := func(m *Model, who func(grantee) bool, held func(map[string]bool, []string) bool) bool {
		for i := range n {
			acl, k := acls(m, i)
			if acl == nil {
				continue
			}
			privs := stmtPrivs(g.Privileges, k)
			for _, ge := range gs {
				if who(ge) && ge.alive(m) && held(acl[ge.name()], privs) {
					return true
				}
			}
		}
		return false
	}
	everyone := func(grantee) bool { return true }
	var out []problem
	if len(g.Privileges) == 0 {
		out = append(out, problem{at: at(ruleGrantAll), holds: func(m *Model) bool {
			return anyHeld(m, everyone, func(have map[string]bool, privs []string) bool {
				return len(privs) > 0 && !slices.ContainsFunc(privs, func(p string) bool { _, ok := have[p]; return !ok })
			})
		}})
	}
	if slices.ContainsFunc(gs, func(ge grantee) bool { return ge.public }) {
		out = append(out, problem{at: at(ruleGrantPublic), holds: func(m *Model) bool {
			return anyHeld(m, func(ge grantee) bool { return ge.public }, func(have map[string]bool, privs []string) bool {
				return slices.ContainsFunc(privs, func(p string) bool { _, ok := have[p]; return ok })
			})
		}})
	}
	if g.GrantOption {
		out = append(out, problem{at: at(ruleGrantOption), holds: func(m *Model) bool {
			return anyHeld(m, everyone, func(have map[string]bool, privs []string) bool {
				return slices.ContainsFunc(privs, func(p string) bool { return have[p] })
			})
		}})
	}
	return out
}

// objectProblems are the problems of a GRANT on the objects it changed.
func objectProblems(m *Model, g *pg_query.GrantStmt, changed []*Object, at func(string) lint.Undone) []problem {
	objs := slices.Compact(slices.Clone(changed))
	return aclProblems(g, grantees(m, g.Grantees), len(objs), func(m *Model, i int) (ACL, Kind) {
		if !m.alive(objs[i]) {
			return nil, ""
		}
		return objs[i].ACL, objs[i].Kind
	}, at)
}

// defaultProblems are the problems of ALTER DEFAULT PRIVILEGES ... GRANT on
// the entries it set.
func defaultProblems(m *Model, a *pg_query.AlterDefaultPrivilegesStmt, at func(string) lint.Undone) []problem {
	keys := m.defaultKeys(a)
	var entries []*DefaultACL
	for _, key := range keys {
		if d := m.defaults[key]; d != nil {
			entries = append(entries, d)
		}
	}
	return aclProblems(a.Action, grantees(m, a.Action.Grantees), len(entries), func(m *Model, i int) (ACL, Kind) {
		d := entries[i]
		if slices.IndexFunc(keys, func(k string) bool { return m.defaults[k] == d }) < 0 {
			return nil, ""
		}
		return d.ACL, d.Kind
	}, at)
}

// defaultKeys are the m.defaults keys ALTER DEFAULT PRIVILEGES a sets.
func (m *Model) defaultKeys(a *pg_query.AlterDefaultPrivilegesStmt) []string {
	roles, schemas, k, ok := m.defaultsTarget(a)
	if !ok {
		return nil
	}
	var out []string
	for _, r := range roles {
		for _, sc := range schemas {
			out = append(out, defaultsKey(r, sc, k))
		}
	}
	return out
}

// functionOf returns the function CREATE FUNCTION f creates or replaces,
// once the model has applied it.
func (m *Model) functionOf(f *pg_query.CreateFunctionStmt) *Object {
	schema, name := qualifier(strs(f.Funcname))
	return m.objects[objKey(Function, m.newSchema(schema), funcName(name, paramTypes(f.Parameters)))]
}

// alive reports whether o is still in the model (under its current name).
func (m *Model) alive(o *Object) bool {
	// objKey without the allocation: the history asks this of every open
	// problem at every statement that may undo one.
	var buf [128]byte
	k := append(append(append(append(append(buf[:0], o.Kind...), ':'), o.Schema...), '.'), o.Name...)
	return m.objects[string(k)] == o
}

func defElems(ns []*pg_query.Node) []*pg_query.DefElem {
	var out []*pg_query.DefElem
	for _, n := range ns {
		if d := n.GetDefElem(); d != nil {
			out = append(out, d)
		}
	}
	return out
}

// defOn reports whether a boolean option is on: SUPERUSER (no argument),
// WITH ADMIN OPTION, ADMIN TRUE, SECURITY DEFINER.
func defOn(d *pg_query.DefElem) bool {
	switch {
	case d.Arg == nil:
		return true
	case d.Arg.GetBoolean() != nil:
		return d.Arg.GetBoolean().Boolval
	case d.Arg.GetInteger() != nil:
		return d.Arg.GetInteger().Ival != 0
	case d.Arg.GetString_() != nil:
		v := strings.ToLower(d.Arg.GetString_().Sval)
		return v == "true" || v == "on" || v == "yes" || v == "1"
	}
	return true
}
