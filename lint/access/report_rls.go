package access

import (
	"slices"
	"sort"
	"strings"

	"github.com/grantguard/grantguard/lint"
)

// RowSecurity is the row-level security part of the access review: the
// API the migrations serve, each table's and view's row security and
// policies, and what each API role reaches.
type RowSecurity struct {
	API API `json:"api"`
	// Tables are the tables and views, those an API role reaches without
	// row-level security first, then by name.
	Tables []TableSecurity `json:"tables"`
	// Roles are the API roles, each with the tables, views and functions
	// it reaches through the API.
	Roles []APIRoleReach `json:"api_roles"`
}

// TableSecurity is one table's or view's row security.
type TableSecurity struct {
	Object string  `json:"object"`
	Kind   RelKind `json:"kind"` // "" for tables
	// RowSecurity is on, off, forced (on, and for the owner too) or
	// unknown (a table no migration creates); a view's is "security
	// invoker" or "owner's rights".
	RowSecurity string `json:"row_security"`
	// Exposed lists the API roles that reach it, with their privileges
	// ("anon: SELECT, INSERT").
	Exposed []string `json:"exposed_to"`
	// Open is set for a table API roles reach while its row security is
	// off: every row is theirs.
	Open     bool           `json:"open"`
	Policies []PolicyReport `json:"policies"`
}

// PolicyReport is one policy of a table.
type PolicyReport struct {
	Name       string   `json:"name"`
	Permissive bool     `json:"permissive"`
	Command    string   `json:"command"`
	Roles      []string `json:"roles"`
	Using      string   `json:"using,omitempty"`
	Check      string   `json:"with_check,omitempty"`
	Pos
}

// APIRoleReach is what one API role reaches through the API.
type APIRoleReach struct {
	Role    string  `json:"role"`
	Objects []Grant `json:"objects"`
}

// AddRowSecurity replays files (the report's migrations) with the API
// platform's grants in place (see ResolveAPI) and sets rep.RowSecurity.
func (rep *Report) AddRowSecurity(files []*lint.File, cfg *lint.Config) {
	api := ResolveAPI(files, cfg)
	m, _ := replaySecurity(files, api)
	rs := &RowSecurity{API: api, Tables: []TableSecurity{}, Roles: []APIRoleReach{}}
	if rs.API.Roles == nil {
		rs.API.Roles = []string{}
	}
	roles := api.roles(m)
	rc := api.reacher(m)
	for _, o := range m.Objects() {
		if o.Kind != Table || o.Rel == RelMatView || o.Rel == RelForeign {
			continue
		}
		ts := TableSecurity{Object: o.QualifiedName(), Kind: o.Rel, Exposed: []string{}, Policies: []PolicyReport{}}
		for _, r := range roles {
			have := rc.reach(r, o)
			var ps []string
			for _, p := range kindPrivs[Table] {
				if have[p] {
					ps = append(ps, p)
				}
			}
			if len(ps) > 0 {
				ts.Exposed = append(ts.Exposed, r+": "+strings.Join(ps, ", "))
			}
		}
		switch {
		case o.Rel == RelView && o.SecurityInvoker:
			ts.RowSecurity = "security invoker"
		case o.Rel == RelView:
			ts.RowSecurity = "owner's rights"
		case !o.RLSKnown:
			ts.RowSecurity = "unknown"
		case o.RLS && o.ForceRLS:
			ts.RowSecurity = "forced"
		case o.RLS:
			ts.RowSecurity = "on"
		default:
			ts.RowSecurity = "off"
			ts.Open = len(ts.Exposed) > 0
		}
		for _, p := range o.Policies {
			ts.Policies = append(ts.Policies, PolicyReport{Name: p.Name, Permissive: p.Permissive, Command: p.Command,
				Roles: slices.Clone(p.Roles), Using: p.Using, Check: p.Check, Pos: p.Where})
		}
		if o.Rel == RelView && len(ts.Exposed) == 0 || o.Rel == RelTable && len(ts.Exposed) == 0 && len(ts.Policies) == 0 && !o.RLS {
			continue // not the API's, and nothing to say about its rows
		}
		rs.Tables = append(rs.Tables, ts)
	}
	sort.SliceStable(rs.Tables, func(i, j int) bool { return rs.Tables[i].Open && !rs.Tables[j].Open })
	for _, r := range roles {
		ar := APIRoleReach{Role: r, Objects: []Grant{}}
		for _, o := range m.Objects() {
			if o.Kind != Table && o.Kind != Function && o.Kind != Sequence {
				continue
			}
			have := rc.reach(r, o)
			g := Grant{Kind: o.Kind, Object: o.QualifiedName()}
			for _, p := range kindPrivs[o.Kind] {
				if have[p] {
					g.Privileges = append(g.Privileges, p)
					g.Via = append(g.Via, "")
				}
			}
			if len(g.Privileges) > 0 {
				ar.Objects = append(ar.Objects, g)
			}
		}
		rs.Roles = append(rs.Roles, ar)
	}
	if api.Source == "" && len(rs.Roles) == 0 && len(rs.Tables) == 0 {
		return // no API and no row security: nothing to add
	}
	rep.RowSecurity = rs
}

// policyText renders a policy for display: name, command, roles and
// expressions.
func (p PolicyReport) policyText() string {
	var b strings.Builder
	b.WriteString(p.Name + ": ")
	if !p.Permissive {
		b.WriteString("restrictive ")
	}
	b.WriteString(p.Command + " TO " + strings.Join(p.Roles, ", "))
	if p.Using != "" {
		b.WriteString(" USING (" + p.Using + ")")
	}
	if p.Check != "" {
		b.WriteString(" WITH CHECK (" + p.Check + ")")
	}
	return b.String()
}

// Text renders the policy for display.
func (p PolicyReport) Text() string { return p.policyText() }

// apiText says what API the report judged.
func (rs *RowSecurity) apiText() string {
	var b strings.Builder
	if rs.API.Schemas == nil {
		b.WriteString("schemas: any the API roles may use")
	} else {
		b.WriteString("schemas: " + orNone(rs.API.Schemas))
	}
	b.WriteString("; roles: " + orNone(rs.API.Roles))
	if len(rs.API.Granted) > 0 {
		b.WriteString("; granted everything by default in: " + strings.Join(rs.API.Granted, ", "))
	}
	if rs.API.Source != "" {
		b.WriteString(" (from " + rs.API.Source + ")")
	} else {
		b.WriteString(" (defaults)")
	}
	return b.String()
}

// APIText says what API the report judged, for display.
func (rs *RowSecurity) APIText() string { return rs.apiText() }
