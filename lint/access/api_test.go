package access

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/grantguard/grantguard/lint"
	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// TestAPIProjectsConfigs: the API settings each kind of config gives, and
// files split by the config nearest them.
func TestAPIProjectsConfigs(t *testing.T) {
	root := t.TempDir()
	write := func(rel, src string) *lint.File {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return &lint.File{Path: rel, Abs: p, Src: []byte(src)}
	}
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	write("a/supabase/config.toml", "[api]\nenabled = true\nschemas = []\n")
	a := write("a/supabase/migrations/1_x.sql", "select 1;")
	write("b/supabase/config.toml", "[api]\nenabled = false\n")
	b := write("b/supabase/migrations/1_x.sql", "select 1;")
	write("c/postgrest.conf", "db-uri = \"$(PGRST_DB_URI)\"\ndb-schema = \"api, v2\"\ndb-anon-role = \"web_anon\"\n")
	c := write("c/sql/1_x.sql", "select 1;")
	write("d/app.conf", "listen = 8080\n") // not a PostgREST config
	d := write("d/1_x.sql", "select 1;")
	write("e/supabase/config.toml", "[api\nbroken")
	e := write("e/supabase/migrations/1_x.sql", "select 1;")

	got := APIProjects([]*lint.File{a, b, c, d, e}, lint.DefaultConfig())
	type proj struct {
		schemas, roles, granted []string
		files                   int
	}
	var sum []proj
	for _, p := range got {
		sum = append(sum, proj{p.API.Schemas, p.API.Roles, p.API.Granted, len(p.Files)})
	}
	want := []proj{
		{[]string{"public", "graphql_public"}, []string{"anon", "authenticated"}, []string{"public"}, 1}, // schemas = []: the defaults
		{[]string{}, []string{"anon", "authenticated"}, nil, 1},                                          // API disabled
		{[]string{"api", "v2"}, []string{"web_anon"}, nil, 1},                                            // PostgREST, pre-7 db-schema
		{nil, []string{"anon", "authenticated"}, nil, 2},                                                 // no config (a broken one is none)
	}
	if !reflect.DeepEqual(sum, want) {
		t.Errorf("projects\n got %+v\nwant %+v", sum, want)
	}

	cfg := lint.DefaultConfig()
	cfg.API = lint.APIConfig{Set: true, Schemas: []string{"api"}}
	if ps := APIProjects([]*lint.File{a, b, c}, cfg); len(ps) != 1 || len(ps[0].Files) != 3 ||
		!reflect.DeepEqual(ps[0].API.Roles, lint.DefaultAPIRoles) || ps[0].API.Granted != nil {
		t.Errorf("[api] config: %+v", ps)
	}
}

// TestAlwaysTrue: the expressions a permissive policy is open with.
func TestAlwaysTrue(t *testing.T) {
	for expr, want := range map[string]bool{
		"true": true, "(true)": true, "1 = 1": true, "'a' = 'a'": true, "NOT false": true, "'t'::boolean": true,
		"'yes'::bool": true, "true OR x = 1": true, "true AND 2 <> 3": true, "true IS TRUE": true, "false IS NOT TRUE": true,
		"false": false, "1 = 2": false, "1 = '1'": false, "x = x": false, "auth.uid() = owner": false,
		"(SELECT auth.uid()) IS NOT NULL": false, "true AND owner = auth.uid()": false, "NULL = NULL": false,
		"auth.role() = 'authenticated'": false,
	} {
		tree, err := pg_query.Parse("SELECT " + expr)
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		n := tree.Stmts[0].Stmt.GetSelectStmt().TargetList[0].GetResTarget().Val
		if got := alwaysTrue(n); got != want {
			t.Errorf("alwaysTrue(%s) = %v, want %v", expr, got, want)
		}
	}
}
