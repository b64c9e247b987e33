package deploy

import (
	"strings"

	"github.com/grantguard/grantguard/lint/cfgvalue"
)

// attributeKeywords maps an attribute as operators spell it (lower case) to
// its SQL keyword. Only the attributes that reach past object privileges
// are kept: LOGIN, INHERIT and CONNECTION LIMIT say nothing about reach.
var attributeKeywords = map[string]string{
	"superuser":   "SUPERUSER",
	"createrole":  "CREATEROLE",
	"createdb":    "CREATEDB",
	"bypassrls":   "BYPASSRLS",
	"replication": "REPLICATION",
}

// cnpgRoles reads a CloudNativePG Cluster's spec.managed.roles (each with
// boolean attribute fields) and spec.enableSuperuserAccess, which gives the
// postgres superuser a password and lets it log in over the network.
func cnpgRoles(d *doc, f *Found) {
	cnpgRolesAt(d, f, []string{"spec", "enableSuperuserAccess"}, []string{"spec", "managed", "roles"}, "CloudNativePG Cluster")
}

// cnpgRolesAt reads CloudNativePG's superuser switch at superuserPath and
// its managed roles at rolesPath.
func cnpgRolesAt(d *doc, f *Found, superuserPath, rolesPath []string, where string) {
	byIndex := map[string]*Role{}
	var order []string
	n := len(rolesPath)
	for i := range d.values {
		v := &d.values[i]
		if len(v.Path) == len(superuserPath) && hasPrefix(v.Path, superuserPath) && isTrue(v) {
			f.Roles = append(f.Roles, Role{
				Name: "postgres", NameStart: -1, NameEnd: -1, Where: where,
				Attrs: []Attr{{Name: "SUPERUSER", Start: v.Start, End: v.End, Setting: "enableSuperuserAccess: true"}},
			})
			continue
		}
		if len(v.Path) != n+2 || !hasPrefix(v.Path, rolesPath) || !isIndex(v.Path[n]) {
			continue
		}
		r := byIndex[v.Path[n]]
		if r == nil {
			r = &Role{NameStart: -1, NameEnd: -1, Where: where + " " + strings.Join(rolesPath, ".")}
			byIndex[v.Path[n]] = r
			order = append(order, v.Path[n])
		}
		switch kw, ok := attributeKeywords[strings.ToLower(v.Key)]; {
		case v.Key == "name" && v.Kind == cfgvalue.String && !v.Template:
			r.Name, r.NameStart, r.NameEnd = v.Text, v.Start, v.End
		case ok && isTrue(v):
			r.Attrs = append(r.Attrs, Attr{Name: kw, Start: v.Start, End: v.End, Setting: v.Key + ": true"})
		}
	}
	for _, k := range order {
		if r := byIndex[k]; len(r.Attrs) > 0 {
			f.Roles = append(f.Roles, *r)
		}
	}
}

// crunchyRoles reads a Crunchy PostgresCluster's spec.users: a name and an
// options string of ALTER ROLE options ("SUPERUSER CREATEDB").
func crunchyRoles(d *doc, f *Found) {
	byIndex := map[string]*Role{}
	var order []string
	for i := range d.values {
		v := &d.values[i]
		if len(v.Path) != 4 || v.Path[0] != "spec" || v.Path[1] != "users" || !isIndex(v.Path[2]) ||
			v.Kind != cfgvalue.String || v.Template {
			continue
		}
		r := byIndex[v.Path[2]]
		if r == nil {
			r = &Role{NameStart: -1, NameEnd: -1, Where: "Crunchy PostgresCluster spec.users"}
			byIndex[v.Path[2]] = r
			order = append(order, v.Path[2])
		}
		switch v.Key {
		case "name":
			r.Name, r.NameStart, r.NameEnd = v.Text, v.Start, v.End
		case "options":
			for _, w := range words(v.Text) {
				kw, ok := attributeKeywords[strings.ToLower(v.Text[w[0]:w[1]])]
				if !ok {
					continue
				}
				start, end := v.Span(w[0], w[1])
				r.Attrs = append(r.Attrs, Attr{Name: kw, Start: start, End: end, Setting: "options: " + v.Text[w[0]:w[1]]})
			}
		}
	}
	for _, k := range order {
		if r := byIndex[k]; len(r.Attrs) > 0 {
			f.Roles = append(f.Roles, *r)
		}
	}
}

// zalandoRoles reads a Zalando postgresql resource's spec.users: a map of
// role name to a list of flags ("superuser", "createdb").
func zalandoRoles(d *doc, f *Found) {
	byName := map[string]*Role{}
	var order []string
	for i := range d.values {
		v := &d.values[i]
		if len(v.Path) != 4 || v.Path[0] != "spec" || v.Path[1] != "users" || !isIndex(v.Path[3]) ||
			v.Kind != cfgvalue.String || v.Template {
			continue
		}
		kw, ok := attributeKeywords[strings.ToLower(strings.TrimSpace(v.Text))]
		if !ok {
			continue
		}
		name := v.Path[2]
		r := byName[name]
		if r == nil {
			r = &Role{Name: name, NameStart: v.KeyStart, NameEnd: v.KeyEnd, Where: "Zalando postgresql spec.users"}
			byName[name] = r
			order = append(order, name)
		}
		r.Attrs = append(r.Attrs, Attr{Name: kw, Start: v.Start, End: v.End, Setting: v.Text})
	}
	for _, k := range order {
		f.Roles = append(f.Roles, *byName[k])
	}
}

// isTrue reports a boolean true as the file writes it.
func isTrue(v *cfgvalue.Value) bool {
	return v.Kind == cfgvalue.Bool && strings.EqualFold(v.Text, "true")
}

// words returns the [start, end) ranges of the space-separated words of s.
func words(s string) [][2]int {
	var out [][2]int
	start := -1
	for i := 0; i <= len(s); i++ {
		space := i == len(s) || s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'
		switch {
		case space && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		case !space && start < 0:
			start = i
		}
	}
	return out
}
