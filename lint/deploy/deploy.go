// Package deploy finds the PostgreSQL server settings that deployment
// configuration carries: the pg_hba entries, server parameters and roles
// written in Kubernetes operator resources (CloudNativePG Cluster and
// Pooler, Crunchy PostgresCluster, Zalando postgresql), Patroni
// configuration files, and the values of the Bitnami postgresql and
// CloudNativePG cluster Helm charts.
//
// It works on the flattened values of a config file (package cfgvalue), so
// every place it returns points into the file. An operator resource is
// recognized by its apiVersion and kind; Patroni configuration and chart
// values by their key paths, which no other program uses. A Kubernetes
// ConfigMap (data) or Secret (stringData) that carries pg_hba.conf,
// postgresql.conf or pgbouncer.ini under that file name is read as that
// file.
package deploy

import (
	"strings"

	"github.com/grantguard/grantguard/lint/cfgvalue"
)

// Found is what one config file declares about PostgreSQL servers.
type Found struct {
	// HBA are values that hold pg_hba.conf text: one entry each (a list
	// element), or several lines (a block scalar).
	HBA []Text
	// Conf are values that hold postgresql.conf text (a block scalar of
	// settings in chart values).
	Conf []Text
	// PgBouncer are values that hold pgbouncer.ini text.
	PgBouncer []Text
	// Params are the parameter maps, one per map, in file order.
	Params []Params
	// Roles are the roles the file declares with their attributes.
	Roles []Role
}

// Empty reports whether nothing was found.
func (f *Found) Empty() bool {
	return len(f.HBA) == 0 && len(f.Conf) == 0 && len(f.PgBouncer) == 0 && len(f.Params) == 0 && len(f.Roles) == 0
}

// Text is a value whose text is written in another configuration language.
type Text struct {
	Value *cfgvalue.Value
	// Where names the setting for messages: "CloudNativePG Cluster
	// spec.postgresql.pg_hba".
	Where string
}

// Params is one map of server parameters (name: value).
type Params struct {
	// Values are the map's scalar entries; each Value's Key is the
	// parameter name and KeyStart/KeyEnd its span.
	Values []*cfgvalue.Value
	Where  string
}

// Role is a role declared with attributes.
type Role struct {
	// Name is the role's name, and NameStart/NameEnd its span (-1 when
	// the file does not name it, as for the operator's superuser).
	Name               string
	NameStart, NameEnd int
	Where              string
	Attrs              []Attr
}

// Attr is one attribute given to a role.
type Attr struct {
	// Name is the SQL keyword: SUPERUSER, CREATEROLE, CREATEDB, BYPASSRLS,
	// REPLICATION.
	Name string
	// Start and End span the value that gives it.
	Start, End int
	// Setting is how the file writes it, for messages:
	// "superuser: true", "enableSuperuserAccess: true".
	Setting string
}

// operator is one family of resources, recognized by apiVersion and kind.
type operator struct {
	name       string // for messages
	apiPrefix  string // apiVersion up to the version
	kind       string
	hba        [][]string // key paths of pg_hba lists
	params     [][]string // key paths of parameter maps
	recognizer func(d *doc, f *Found)
}

var operators = []operator{
	{
		name: "CloudNativePG Cluster", apiPrefix: "postgresql.cnpg.io/", kind: "Cluster",
		hba:        [][]string{{"spec", "postgresql", "pg_hba"}},
		params:     [][]string{{"spec", "postgresql", "parameters"}},
		recognizer: cnpgRoles,
	},
	{
		name: "Crunchy PostgresCluster", apiPrefix: "postgres-operator.crunchydata.com/", kind: "PostgresCluster",
		hba: [][]string{{"spec", "patroni", "dynamicConfiguration", "postgresql", "pg_hba"}},
		params: [][]string{
			{"spec", "patroni", "dynamicConfiguration", "postgresql", "parameters"},
			{"spec", "config", "parameters"},
		},
		recognizer: crunchyRoles,
	},
	{
		// A pooler's pg_hba is PgBouncer's, in pg_hba.conf's format.
		name: "CloudNativePG Pooler", apiPrefix: "postgresql.cnpg.io/", kind: "Pooler",
		hba:        [][]string{{"spec", "pgbouncer", "pg_hba"}},
		recognizer: func(*doc, *Found) {},
	},
	{
		name: "Zalando postgresql", apiPrefix: "acid.zalan.do/", kind: "postgresql",
		hba:        [][]string{{"spec", "patroni", "pg_hba"}},
		params:     [][]string{{"spec", "postgresql", "parameters"}},
		recognizer: zalandoRoles,
	},
}

// Patroni's own configuration file, recognized by its key paths in a
// document that is not a Kubernetes resource.
var (
	patroniHBA = [][]string{
		{"postgresql", "pg_hba"},
		{"bootstrap", "pg_hba"},
		{"bootstrap", "dcs", "postgresql", "pg_hba"},
	}
	patroniParams = [][]string{
		{"postgresql", "parameters"},
		{"bootstrap", "dcs", "postgresql", "parameters"},
	}
)

// Bitnami's postgresql and postgresql-ha charts: pg_hba.conf and
// postgresql.conf text in values, under these keys at the root or under
// one component key (primary, readReplicas, postgresql, witness).
var (
	bitnamiHBAKeys  = []string{"pgHbaConfiguration"}
	bitnamiConfKeys = []string{"configuration", "extendedConfiguration", "postgresqlConfiguration"}
	bitnamiParents  = map[string]bool{"": true, "primary": true, "readReplicas": true, "postgresql": true, "witness": true}
)

// doc is the values of one YAML document (or of a whole JSON, TOML file).
type doc struct {
	values []cfgvalue.Value
	// apiVersion and kind are the document's own, at its root.
	apiVersion, kind string
	postgres         bool // some key or value names PostgreSQL
}

// Find returns what values declare. values are a file's values in
// document order, as cfgvalue's Parse functions return them.
func Find(values []cfgvalue.Value) *Found {
	f := &Found{}
	for start := 0; start < len(values); {
		end := start + 1
		for end < len(values) && values[end].Doc == values[start].Doc {
			end++
		}
		findDoc(newDoc(values[start:end]), f)
		start = end
	}
	return f
}

func newDoc(values []cfgvalue.Value) *doc {
	d := &doc{values: values}
	for i := range values {
		v := &values[i]
		if len(v.Path) == 1 && v.Kind == cfgvalue.String && !v.Template {
			switch v.Key {
			case "apiVersion":
				d.apiVersion = v.Text
			case "kind":
				d.kind = v.Text
			}
		}
		if !d.postgres && (strings.Contains(strings.ToLower(v.Text), "postgres") || pathNamesPostgres(v.Path)) {
			d.postgres = true
		}
	}
	return d
}

func pathNamesPostgres(path []string) bool {
	for _, e := range path {
		if strings.Contains(strings.ToLower(e), "postgres") {
			return true
		}
	}
	return false
}

func findDoc(d *doc, f *Found) {
	if d.apiVersion == "v1" && (d.kind == "ConfigMap" || d.kind == "Secret") {
		d.mountedFiles(f)
		return
	}
	if d.apiVersion != "" {
		for i := range operators {
			op := &operators[i]
			if d.kind != op.kind || !strings.HasPrefix(d.apiVersion, op.apiPrefix) {
				continue
			}
			for _, p := range op.hba {
				d.hbaList(f, p, op.name)
			}
			for _, p := range op.params {
				d.paramMap(f, p, op.name)
			}
			op.recognizer(d, f)
		}
		return
	}
	for _, p := range patroniHBA {
		d.hbaList(f, p, "Patroni configuration")
	}
	for _, p := range patroniParams {
		d.paramMap(f, p, "Patroni configuration")
	}
	d.bitnami(f)
	d.cnpgChart(f)
}

// cnpgChart finds the settings of the CloudNativePG cluster chart's values:
// the Cluster's fields under "cluster".
func (d *doc) cnpgChart(f *Found) {
	if !d.postgres {
		return
	}
	const where = "cluster chart values"
	d.hbaList(f, []string{"cluster", "postgresql", "pg_hba"}, where)
	d.paramMap(f, []string{"cluster", "postgresql", "parameters"}, where)
	cnpgRolesAt(d, f, []string{"cluster", "enableSuperuserAccess"}, []string{"cluster", "roles"}, where)
}

// hbaList adds the string elements of the list at path as pg_hba entries.
func (d *doc) hbaList(f *Found, path []string, where string) {
	for i := range d.values {
		v := &d.values[i]
		if len(v.Path) == len(path)+1 && hasPrefix(v.Path, path) && isIndex(v.Path[len(path)]) && v.Kind == cfgvalue.String {
			f.HBA = append(f.HBA, Text{Value: v, Where: where + " " + strings.Join(path, ".")})
		}
	}
}

// paramMap adds the scalar entries of the map at path as a parameter map.
func (d *doc) paramMap(f *Found, path []string, where string) {
	var ps Params
	for i := range d.values {
		v := &d.values[i]
		if len(v.Path) == len(path)+1 && hasPrefix(v.Path, path) && !isIndex(v.Path[len(path)]) && v.KeyStart >= 0 {
			ps.Values = append(ps.Values, v)
		}
	}
	if len(ps.Values) > 0 {
		ps.Where = where + " " + strings.Join(path, ".")
		f.Params = append(f.Params, ps)
	}
}

// bitnami finds the pg_hba.conf and postgresql.conf text of Bitnami chart
// values.
func (d *doc) bitnami(f *Found) {
	if !d.postgres {
		return
	}
	for i := range d.values {
		v := &d.values[i]
		n := len(v.Path)
		if n == 0 || n > 3 {
			continue
		}
		parent := ""
		if n >= 2 {
			parent = v.Path[n-2]
		}
		key := v.Path[n-1]
		switch {
		case n <= 2 && bitnamiParents[parent] && (n == 1 || parent != "") && contains(bitnamiHBAKeys, key) &&
			v.Kind == cfgvalue.String && strings.TrimSpace(v.Text) != "":
			f.HBA = append(f.HBA, Text{Value: v, Where: "chart values " + strings.Join(v.Path, ".")})
		case n <= 2 && bitnamiParents[parent] && (n == 1 || parent != "") && contains(bitnamiConfKeys, key) &&
			v.Kind == cfgvalue.String && strings.TrimSpace(v.Text) != "":
			f.Conf = append(f.Conf, Text{Value: v, Where: "chart values " + strings.Join(v.Path, ".")})
		}
	}
}

// mountedFiles finds the configuration files a ConfigMap (data) or a Secret
// (stringData) carries under their file names, to be mounted where the
// server or PgBouncer reads them: pg_hba.conf, postgresql.conf,
// pgbouncer.ini.
func (d *doc) mountedFiles(f *Found) {
	field := "data"
	if d.kind == "Secret" {
		field = "stringData" // data is base64
	}
	for i := range d.values {
		v := &d.values[i]
		if len(v.Path) != 2 || v.Path[0] != field || v.Kind != cfgvalue.String || strings.TrimSpace(v.Text) == "" {
			continue
		}
		name := strings.ToLower(v.Key)
		t := Text{Value: v, Where: d.kind + " " + field + "." + v.Key}
		switch {
		case name == "pg_hba.conf" || strings.HasPrefix(name, "pg_hba") && strings.HasSuffix(name, ".conf") || strings.HasSuffix(name, ".hba"):
			f.HBA = append(f.HBA, t)
		case strings.HasPrefix(name, "postgresql") && strings.HasSuffix(name, ".conf"):
			f.Conf = append(f.Conf, t)
		case strings.HasPrefix(name, "pgbouncer") && strings.HasSuffix(name, ".ini"):
			f.PgBouncer = append(f.PgBouncer, t)
		}
	}
}

func hasPrefix(path, prefix []string) bool {
	if len(path) < len(prefix) {
		return false
	}
	for i := range prefix {
		if path[i] != prefix[i] {
			return false
		}
	}
	return true
}

func isIndex(e string) bool { return len(e) > 2 && e[0] == '[' && e[len(e)-1] == ']' }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
