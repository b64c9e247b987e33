package deploy

import (
	"reflect"
	"strings"
	"testing"

	"github.com/grantguard/grantguard/lint/cfgvalue"
)

func find(t *testing.T, src string) *Found {
	t.Helper()
	vals, err := cfgvalue.ParseYAML([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return Find(vals)
}

func texts(ts []Text) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Where+": "+t.Value.Text)
	}
	return out
}

func TestFindHBA(t *testing.T) {
	src := `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
spec:
  postgresql:
    pg_hba:
      - host all all 10.0.0.0/8 md5
      - hostssl all all all cert
---
scope: batman
bootstrap:
  dcs:
    postgresql:
      pg_hba: ["host all all 0.0.0.0/0 md5"]
---
apiVersion: v1
kind: ConfigMap
spec:
  postgresql:
    pg_hba: ["host all all 0.0.0.0/0 trust"]
---
image: bitnami/postgresql
primary:
  pgHbaConfiguration: |
    local all all peer
`
	got := texts(find(t, src).HBA)
	want := []string{
		"CloudNativePG Cluster spec.postgresql.pg_hba: host all all 10.0.0.0/8 md5",
		"CloudNativePG Cluster spec.postgresql.pg_hba: hostssl all all all cert",
		"Patroni configuration bootstrap.dcs.postgresql.pg_hba: host all all 0.0.0.0/0 md5",
		"chart values primary.pgHbaConfiguration: local all all peer\n",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("HBA:\n got %q\nwant %q", got, want)
	}
}

func TestFindParams(t *testing.T) {
	src := `apiVersion: acid.zalan.do/v1
kind: postgresql
spec:
  postgresql:
    parameters:
      ssl: "off"
      max_connections: 100
      nested: {a: b}
`
	f := find(t, src)
	if len(f.Params) != 1 {
		t.Fatalf("Params = %d, want 1", len(f.Params))
	}
	var got []string
	for _, v := range f.Params[0].Values {
		got = append(got, v.Key+"="+v.Text+" key@"+src[v.KeyStart:v.KeyEnd])
	}
	want := []string{"ssl=off key@ssl", "max_connections=100 key@max_connections"}
	if !reflect.DeepEqual(got, want) || f.Params[0].Where != "Zalando postgresql spec.postgresql.parameters" {
		t.Errorf("got %q (%s), want %q", got, f.Params[0].Where, want)
	}
}

func TestFindRoles(t *testing.T) {
	src := `apiVersion: postgres-operator.crunchydata.com/v1beta1
kind: PostgresCluster
spec:
  users:
    - name: rhino
      options: "CREATEDB  superuser LOGIN"
    - name: plain
---
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
spec:
  enableSuperuserAccess: true
  managed:
    roles:
      - name: app
        bypassrls: true
        createdb: false
---
apiVersion: acid.zalan.do/v1
kind: postgresql
spec:
  users:
    zalando: [superuser, createdb, login]
`
	f := find(t, src)
	var got []string
	for _, r := range f.Roles {
		name := r.Name
		if r.NameStart >= 0 {
			name = "@" + src[r.NameStart:r.NameEnd]
		}
		var attrs []string
		for _, a := range r.Attrs {
			attrs = append(attrs, a.Name+"@"+src[a.Start:a.End]+" ("+a.Setting+")")
		}
		got = append(got, r.Where+" "+name+": "+strings.Join(attrs, ", "))
	}
	want := []string{
		"Crunchy PostgresCluster spec.users @rhino: CREATEDB@CREATEDB (options: CREATEDB), SUPERUSER@superuser (options: superuser)",
		"CloudNativePG Cluster postgres: SUPERUSER@true (enableSuperuserAccess: true)",
		"CloudNativePG Cluster spec.managed.roles @app: BYPASSRLS@true (bypassrls: true)",
		"Zalando postgresql spec.users @zalando: SUPERUSER@superuser (superuser), CREATEDB@createdb (createdb)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Roles:\n got %q\nwant %q", got, want)
	}
}

// A document is recognized by its own apiVersion and kind, not by another
// document's of the same stream.
func TestFindPerDocument(t *testing.T) {
	src := `apiVersion: acid.zalan.do/v1
kind: postgresql
---
spec:
  users:
    zalando: [superuser]
`
	if f := find(t, src); !f.Empty() {
		t.Errorf("found %+v in a document without apiVersion", f)
	}
}

func TestFindMountedFiles(t *testing.T) {
	src := `apiVersion: v1
kind: ConfigMap
data:
  pg_hba.conf: "host all all 0.0.0.0/0 md5"
  postgresql.conf: "ssl = off"
  pgbouncer.ini: "[pgbouncer]"
  other.conf: "x = 1"
---
apiVersion: v1
kind: Secret
data:
  pg_hba.conf: aG9zdCBhbGwgYWxs
stringData:
  pgbouncer-prod.ini: "[pgbouncer]"
`
	f := find(t, src)
	got := append(append(texts(f.HBA), texts(f.Conf)...), texts(f.PgBouncer)...)
	want := []string{
		"ConfigMap data.pg_hba.conf: host all all 0.0.0.0/0 md5",
		"ConfigMap data.postgresql.conf: ssl = off",
		"ConfigMap data.pgbouncer.ini: [pgbouncer]",
		"Secret stringData.pgbouncer-prod.ini: [pgbouncer]",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mounted files:\n got %q\nwant %q", got, want)
	}
}
