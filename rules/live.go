package rules

import (
	"slices"
	"sort"
	"strings"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/access"
	"github.com/grantguard/grantguard/lint/live"
)

// What the Live checks (rules/<rule_id>_live.go) share.
// liveModel is the access model of the server's state, built once per
// audit whichever rules ask for it.
func liveModel(st *live.State) *access.Model {
	return st.Memo("access.Model", func() any { return access.FromState(st) }).(*access.Model)
}

// liveObject names o, an object of the database the state was read from.
func liveObject(st *live.State, kind live.Kind, schema, name string) lint.Object {
	return lint.DBObject(st.Server.Database, string(kind), schema, name)
}

// builtinPublicGrant reports whether PUBLIC's privilege p on an object of
// kind k (the public schema when public is set) is one PostgreSQL gives
// every new object of the kind (acldefault, and the public schema of
// PostgreSQL 15): not something anyone granted.
func builtinPublicGrant(k live.Kind, publicSchema bool, p string) bool {
	switch k {
	case live.Database:
		return p == "CONNECT" || p == "TEMPORARY"
	case live.Function:
		return p == "EXECUTE"
	case live.Schema:
		return publicSchema && p == "USAGE"
	}
	return false
}

// grantsBy groups the grants of grantees (in name order) that keep
// returns true for, with their privileges in the order given.
func grantsBy(gs []live.Grant, keep func(live.Grant) bool) (grantees []string, privs map[string][]string) {
	privs = map[string][]string{}
	for _, g := range gs {
		if !keep(g) {
			continue
		}
		if _, ok := privs[g.Grantee]; !ok {
			grantees = append(grantees, g.Grantee)
		}
		if !slices.Contains(privs[g.Grantee], g.Privilege) {
			privs[g.Grantee] = append(privs[g.Grantee], g.Privilege)
		}
	}
	sort.Strings(grantees)
	return grantees, privs
}

// sortedColumns returns the column names of cols in order.
func sortedColumns(cols map[string][]live.Grant) []string {
	out := make([]string, 0, len(cols))
	for c := range cols {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// defaultsWhere names where default privileges apply.
func defaultsWhere(d live.DefaultACL) string {
	if d.Schema == "" {
		return d.Role
	}
	return d.Role + " in " + d.Schema
}

// defaultsObject names a pg_default_acl entry.
func defaultsObject(st *live.State, d live.DefaultACL) lint.Object {
	name := st.Server.Database + "." + d.Role
	if d.Schema != "" {
		name += "." + d.Schema
	}
	return lint.Object{Kind: "default privileges", Name: name + " (" + string(d.Kind) + "s)"}
}

// privJoin lists privileges for a message.
func privJoin(ps []string) string { return strings.Join(ps, ", ") }
