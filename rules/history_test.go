package rules

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/access"
)

// historyRules are the rules whose findings a later migration can undo:
// those the History knows, and the row-security rules, which judge the
// history themselves.
var historyRules = slices.Concat(History.Rules, access.SecurityRules)

// historyMarks reads the "-- want" and "-- undone" marks of every SQL file
// under dir: "path:line rule" for the findings that stay, and for those a
// later migration undoes.
func historyMarks(t *testing.T, dir string) (stay, undone []string) {
	t.Helper()
	mark := regexp.MustCompile(`(want|undone) "([a-z-]+)"`)
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".sql") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		for i, line := range strings.Split(string(src), "\n") {
			_, comment, ok := strings.Cut(line, "--")
			if !ok {
				continue
			}
			for _, m := range mark.FindAllStringSubmatch(comment, -1) {
				k := filepath.ToSlash(rel) + ":" + strconv.Itoa(i+1) + " " + m[2]
				if m[1] == "want" {
					stay = append(stay, k)
				} else {
					undone = append(undone, k)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return stay, undone
}

// TestHistory: in a migration history, a problem that a later migration
// undoes is not reported; with history = "every" each statement is.
func TestHistory(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "history"))
	if err != nil {
		t.Fatal(err)
	}
	stay, undone := historyMarks(t, dir)
	run := func(every bool) []string {
		cfg := lint.DefaultConfig()
		cfg.HistoryEvery = every
		res, err := lint.Run(context.Background(), lint.Options{WorkDir: dir, Catalogue: All, History: History, Config: cfg})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Skipped) > 0 {
			t.Fatalf("skipped: %v", res.Skipped)
		}
		var got []string
		for _, f := range res.Findings {
			if slices.Contains(historyRules, f.Rule) {
				got = append(got, f.Path+":"+strconv.Itoa(f.Line)+" "+f.Rule)
			}
		}
		slices.Sort(got)
		return slices.Compact(got) // one mark stands for a statement's findings of a rule
	}
	slices.Sort(stay)
	if got := run(false); !slices.Equal(got, stay) {
		t.Errorf("history-aware findings\n got %q\nwant %q", got, stay)
	}
	every := slices.Sorted(slices.Values(append(slices.Clone(stay), undone...)))
	if got := run(true); !slices.Equal(got, every) {
		t.Errorf("history = every\n got %q\nwant %q", got, every)
	}
	// Without a History the engine reports every statement too.
	res, err := lint.Run(context.Background(), lint.Options{WorkDir: dir, Catalogue: All})
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, f := range res.Findings {
		if slices.Contains(History.Rules, f.Rule) {
			all = append(all, f.Path+":"+strconv.Itoa(f.Line)+" "+f.Rule)
		}
	}
	slices.Sort(all)
	// (The row-security rules judge the history without it.)
	everyOfHistory := slices.DeleteFunc(slices.Clone(every), func(k string) bool {
		_, rule, _ := strings.Cut(k, " ")
		return !slices.Contains(History.Rules, rule)
	})
	if all = slices.Compact(all); !slices.Equal(all, everyOfHistory) {
		t.Errorf("without History\n got %q\nwant %q", all, everyOfHistory)
	}
}

// TestHistoryNotSuperuserRoles: config can take a name off the built-in
// superuser-equivalent roles.
func TestHistoryNotSuperuserRoles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "0001.sql"), []byte("GRANT postgres TO app;\nGRANT rds_superuser TO app;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := lint.DefaultConfig()
	cfg.NotSuperuserRoles = []string{"postgres"}
	res, err := lint.Run(context.Background(), lint.Options{WorkDir: dir, Catalogue: All, History: History, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, strconv.Itoa(f.Line)+" "+f.Rule)
	}
	if want := []string{"2 superuser-grant"}; !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}

// TestHistoryIgnoresTests: with --tests, test files are linted but are no
// part of the history: a test that creates a role again or drops a table
// does not undo what a migration did.
func TestHistoryIgnoresTests(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"migrations/0001_init.sql": "CREATE TABLE orders (id int);\nGRANT ALL ON orders TO app;\nCREATE ROLE ops SUPERUSER;\n",
		"migrations/0002_more.sql": "REVOKE NOTHING;\n",
		"tests/zz_cleanup.sql":     "DROP TABLE orders;\nDROP ROLE ops;\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := lint.Run(context.Background(), lint.Options{WorkDir: dir, Catalogue: All, History: History, Tests: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		if f.Rule != ParseError.ID {
			got = append(got, f.Path+":"+strconv.Itoa(f.Line)+" "+f.Rule)
		}
	}
	want := []string{"migrations/0001_init.sql:2 grant-all", "migrations/0001_init.sql:3 superuser-grant"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}

// TestAPIProjects: the row-security rules on projects whose API settings
// come from supabase/config.toml or a PostgREST config beside the
// migrations.
func TestAPIProjects(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "api", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no API projects: %v", err)
	}
	for _, d := range dirs {
		t.Run(filepath.Base(d), func(t *testing.T) {
			dir, err := filepath.Abs(d)
			if err != nil {
				t.Fatal(err)
			}
			stay, undone := historyMarks(t, dir)
			run := func(every bool) []string {
				cfg := lint.DefaultConfig()
				cfg.HistoryEvery = every
				res, err := lint.Run(context.Background(), lint.Options{WorkDir: dir, Catalogue: All, History: History, Config: cfg})
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, f := range res.Findings {
					if slices.Contains(access.SecurityRules, f.Rule) || f.Rule == GrantAll.ID {
						got = append(got, f.Path+":"+strconv.Itoa(f.Line)+" "+f.Rule)
					}
				}
				slices.Sort(got)
				return got
			}
			slices.Sort(stay)
			if got := run(false); !slices.Equal(got, stay) {
				t.Errorf("findings\n got %q\nwant %q", got, stay)
			}
			every := slices.Sorted(slices.Values(append(slices.Clone(stay), undone...)))
			if got := run(true); !slices.Equal(got, every) {
				t.Errorf("history = every\n got %q\nwant %q", got, every)
			}
		})
	}
}
