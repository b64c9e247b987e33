package deploy

import (
	"testing"

	"github.com/grantguard/grantguard/lint/cfgvalue"
)

// FuzzFind checks that Find never panics and that every span it returns
// lies in the input.
func FuzzFind(f *testing.F) {
	f.Add("apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nspec:\n  enableSuperuserAccess: true\n  postgresql:\n    pg_hba: [host all all all md5]\n    parameters: {ssl: 'off'}\n  managed:\n    roles: [{name: a, superuser: true}]\n")
	f.Add("apiVersion: postgres-operator.crunchydata.com/v1\nkind: PostgresCluster\nspec:\n  users:\n  - {name: x, options: \"SUPERUSER\\tCREATEDB\"}\n")
	f.Add("apiVersion: acid.zalan.do/v1\nkind: postgresql\nspec:\n  users: {a: [superuser, \"createdb\"]}\n")
	f.Add("image: postgresql\nprimary:\n  pgHbaConfiguration: |\n    host all all 0.0.0.0/0 md5\n  configuration: \"ssl = off\"\n")
	f.Fuzz(func(t *testing.T, src string) {
		vals, err := cfgvalue.ParseYAML([]byte(src))
		if err != nil {
			return
		}
		found := Find(vals)
		in := func(a, b int) bool { return 0 <= a && a <= b && b <= len(src) }
		for _, x := range append(append([]Text(nil), found.HBA...), found.Conf...) {
			if !in(x.Value.Start, x.Value.End) {
				t.Fatalf("text span %d-%d outside input", x.Value.Start, x.Value.End)
			}
		}
		for _, ps := range found.Params {
			for _, v := range ps.Values {
				if !in(v.KeyStart, v.KeyEnd) || !in(v.Start, v.End) {
					t.Fatalf("parameter %q spans outside input", v.Key)
				}
			}
		}
		for _, r := range found.Roles {
			if r.NameStart >= 0 && !in(r.NameStart, r.NameEnd) {
				t.Fatalf("role name span %d-%d outside input", r.NameStart, r.NameEnd)
			}
			for _, a := range r.Attrs {
				if !in(a.Start, a.End) {
					t.Fatalf("attribute span %d-%d outside input", a.Start, a.End)
				}
			}
		}
	})
}
