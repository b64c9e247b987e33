package access

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/grantguard/grantguard/lint"
)

// FuzzReplay: any migration history, however broken, replays into a
// model, a policy check, the row-security rules (with Supabase-style
// platform grants) and a report in every format without a panic.
func FuzzReplay(f *testing.F) {
	sets, _ := filepath.Glob(filepath.Join("testdata", "pg", "*", "*.sql"))
	for _, p := range sets {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("CREATE ROLE a; GRANT a TO b; GRANT b TO a; REVOKE ALL ON t FROM c CASCADE; DROP OWNED BY a;"))
	f.Add([]byte("CREATE TABLE t (a int); CREATE POLICY p ON t TO anon USING (true OR NOT false); ALTER TABLE t DISABLE ROW LEVEL SECURITY;" +
		"CREATE VIEW v WITH (security_invoker) AS SELECT * FROM t; ALTER VIEW v RESET (security_invoker); ALTER POLICY p ON t RENAME TO q;" +
		"CREATE FUNCTION f() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'; GRANT t TO authenticator; DROP POLICY q ON t;"))
	cfg := lint.DefaultConfig()
	cfg.Roles = map[string]lint.RolePolicy{
		"a":      {Tier: "readonly"},
		"b":      {Tier: "admin", Schemas: []string{"s"}, Allow: []string{"TRUNCATE ON s.*"}},
		"app_ro": {Tier: "readonly"},
	}
	cfg.RequireDeclaredRoles = true
	f.Fuzz(func(t *testing.T, src []byte) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			ms := []Migration{{Path: "a.sql", Src: src}, {Path: "b.sql", Src: src}}
			rep := BuildReport(ms, "postgres", "app", cfg)
			files := []*lint.File{{Path: "a.sql", Src: src}, {Path: "b.sql", Src: src}}
			rep.AddRowSecurity(files, cfg)
			_ = CheckSecurity(files, cfg)
			api := *cfg
			api.API = lint.APIConfig{Set: true, Schemas: []string{"public", "s"}, Roles: []string{"anon", "a"}, GrantsByDefault: true}
			_ = CheckSecurity(files, &api)
			for _, format := range Formats {
				_ = Write(&bytes.Buffer{}, format, rep)
			}
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			t.Fatalf("slow input %q\n%s", src, buf[:n])
		}
	})
}
