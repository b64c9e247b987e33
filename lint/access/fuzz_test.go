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
// model, a policy check and a report in every format without a panic.
func FuzzReplay(f *testing.F) {
	sets, _ := filepath.Glob(filepath.Join("testdata", "pg", "*", "*.sql"))
	for _, p := range sets {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("CREATE ROLE a; GRANT a TO b; GRANT b TO a; REVOKE ALL ON t FROM c CASCADE; DROP OWNED BY a;"))
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
