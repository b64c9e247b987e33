package rules

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/grantguard/grantguard/lint"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md")

// want is one expectation of a fixture: a finding of rule on line, at col
// when col > 0, with message msg when msg is not empty.
type want struct {
	line int
	rule string
	col  int
	msg  string
}

func (w want) String() string {
	s := fmt.Sprintf("%d %s", w.line, w.rule)
	if w.col > 0 {
		s = fmt.Sprintf("%d:%d %s", w.line, w.col, w.rule)
	}
	if w.msg != "" {
		s += ": " + w.msg
	}
	return s
}

var wantRE = regexp.MustCompile(`want((?:\s+"[a-z-]+(?:@\d+)?")+)`)
var wantItemRE = regexp.MustCompile(`"([a-z-]+)(?:@(\d+))?"`)

// parseWants reads `-- want "rule"` or `-- want "rule@col" "other"`
// comments (also after # and //): each names a finding expected on that
// line. A want of one finding may end in ` msg: MESSAGE`: the finding's
// exact message, the rest of the line. A format without comments (JSON)
// keeps its expectations in a PATH.want file instead, one "LINE RULE[@COL]"
// per line.
func parseWants(t *testing.T, path string) []want {
	t.Helper()
	if data, err := os.ReadFile(path + ".want"); err == nil {
		var ws []want
		for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			var w want
			fields := strings.Fields(l)
			if len(fields) != 2 {
				t.Fatalf("%s.want: bad line %q", path, l)
			}
			w.line, _ = strconv.Atoi(fields[0])
			w.rule = fields[1]
			if r, c, ok := strings.Cut(w.rule, "@"); ok {
				w.rule = r
				w.col, _ = strconv.Atoi(c)
			}
			ws = append(ws, w)
		}
		return ws
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var ws []want
	for i, line := range strings.Split(string(src), "\n") {
		k := -1
		for _, lead := range []string{"-- want ", "# want ", "// want "} {
			if k = strings.Index(line, lead); k >= 0 {
				break
			}
		}
		if k < 0 {
			continue
		}
		m := wantRE.FindStringSubmatchIndex(line[k:])
		if m == nil {
			t.Fatalf("%s:%d: malformed want comment", path, i+1)
		}
		items := wantItemRE.FindAllStringSubmatch(line[k+m[2]:k+m[3]], -1)
		msg := ""
		if rest := line[k+m[1]:]; strings.HasPrefix(rest, " msg: ") {
			msg = strings.TrimSpace(rest[len(" msg: "):])
			if len(items) != 1 || msg == "" {
				t.Fatalf("%s:%d: a msg needs exactly one want and a message", path, i+1)
			}
		}
		for _, it := range items {
			col, _ := strconv.Atoi(it[2])
			ws = append(ws, want{line: i + 1, rule: it[1], col: col, msg: msg})
		}
	}
	return ws
}

func lintFile(t *testing.T, path string, cfg *lint.Config) []lint.Finding {
	t.Helper()
	res, err := lint.Run(context.Background(), lint.Options{Paths: []string{path}, Catalogue: All, Jobs: 1, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Skipped) > 0 {
		t.Fatalf("%s skipped: %v", path, res.Skipped)
	}
	return res.Findings
}

// TestFixtures runs every rule over its fixtures: in bad*.* files the
// findings of the rule (and of any rule a want names) must be exactly the
// wanted ones; good*.* files must not produce a single finding of the rule.
func TestFixtures(t *testing.T) {
	for _, r := range All {
		dir := filepath.Join("testdata", r.ID)
		if _, err := os.Stat(dir); err != nil && r.SQL == nil {
			continue // reported by the engine; covered by its own tests
		}
		bad := fixtures(dir, "bad")
		good := fixtures(dir, "good")
		if len(bad) == 0 || len(good) == 0 {
			t.Errorf("%s: needs must-fire (bad*) and must-not-fire (good*) fixtures in %s", r.ID, dir)
			continue
		}
		for _, path := range bad {
			t.Run(filepath.ToSlash(path), func(t *testing.T) {
				wants := parseWants(t, path)
				if len(wants) == 0 {
					t.Fatalf("%s has no want comments", path)
				}
				checked := map[string]bool{r.ID: true}
				for _, w := range wants {
					checked[w.rule] = true
				}
				var got []want
				cols, msgs := map[string]bool{}, map[string]bool{}
				for _, w := range wants {
					k := fmt.Sprintf("%d %s", w.line, w.rule)
					cols[k] = cols[k] || w.col > 0
					msgs[k] = msgs[k] || w.msg != ""
				}
				for _, f := range lintFile(t, path, nil) {
					if !checked[f.Rule] {
						continue
					}
					g := want{line: f.Line, rule: f.Rule}
					if k := fmt.Sprintf("%d %s", f.Line, f.Rule); cols[k] {
						g.col = f.Col
					}
					if msgs[fmt.Sprintf("%d %s", f.Line, f.Rule)] {
						g.msg = f.Message
					}
					got = append(got, g)
				}
				compareWants(t, path, got, wants)
			})
		}
		for _, path := range good {
			t.Run(filepath.ToSlash(path), func(t *testing.T) {
				for _, f := range lintFile(t, path, nil) {
					if f.Rule == r.ID || f.Rule == lint.ParseErrorID {
						t.Errorf("%s:%d:%d: unexpected %s: %s", path, f.Line, f.Col, f.Rule, f.Message)
					}
				}
			})
		}
	}
}

// fixtures lists a rule's fixture files whose name holds word ("bad" or
// "good"): bad.sql, bad.yaml, postgresql.bad.conf, Dockerfile.bad.
func fixtures(dir, word string) []string {
	all, _ := filepath.Glob(filepath.Join(dir, "*"+word+"*"))
	var out []string
	for _, p := range all {
		if !strings.HasSuffix(p, ".want") {
			out = append(out, p)
		}
	}
	return out
}

func compareWants(t *testing.T, path string, got, wants []want) {
	t.Helper()
	key := func(ws []want) []string {
		var s []string
		for _, w := range ws {
			s = append(s, w.String())
		}
		sort.Strings(s)
		return s
	}
	g, w := key(got), key(wants)
	if !slices.Equal(g, w) {
		t.Errorf("%s: findings differ\n got: %q\nwant: %q", path, g, w)
	}
}

// TestCatalogue checks every rule's metadata is complete, so that help,
// docs and SARIF never render an empty field.
func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	idRE := regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	for _, r := range All {
		if seen[r.ID] {
			t.Errorf("duplicate rule %s", r.ID)
		}
		seen[r.ID] = true
		if !idRE.MatchString(r.ID) {
			t.Errorf("%s: rule IDs are kebab-case", r.ID)
		}
		if r.Severity < lint.Note || r.Severity > lint.Error {
			t.Errorf("%s: no severity", r.ID)
		}
		for name, v := range map[string]string{"Title": r.Title, "Rationale": r.Rationale, "Bad": r.Bad, "Good": r.Good, "Fix": r.Fix, "Precision": r.Precision} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: empty %s", r.ID, name)
			}
		}
		if strings.HasSuffix(r.Title, ".") {
			t.Errorf("%s: title ends with a period", r.ID)
		}
		if r.SecuritySeverity <= 0 || r.SecuritySeverity > 10 {
			t.Errorf("%s: security-severity %v out of (0, 10]", r.ID, r.SecuritySeverity)
		}
		if len(r.Kinds) == 0 {
			t.Errorf("%s: no file kinds", r.ID)
		}
		// The rationale states its reason itself and cites public sources
		// a reader can open, never a document only the authors have.
		if len(r.References) == 0 {
			t.Errorf("%s: no references", r.ID)
		}
		for _, ref := range r.References {
			if title, url := lint.SplitReference(ref); title == "" || !strings.HasPrefix(url, "https://") {
				t.Errorf("%s: reference %q is not \"Title — https://...\"", r.ID, ref)
			}
		}
		if strings.Contains(strings.ToLower(r.Rationale), "seed guidance") {
			t.Errorf("%s: the rationale cites an internal guide; state the reason and cite public sources in References", r.ID)
		}
	}
	for _, id := range []string{lint.ParseErrorID, lint.UnusedIgnoreID} {
		if All.Lookup(id) == nil {
			t.Errorf("catalogue lacks engine rule %s", id)
		}
	}
}

// TestDocsUpToDate fails when docs/rules.md is not what the metadata
// renders; run `go test ./rules -run TestDocsUpToDate -update` to refresh.
func TestDocsUpToDate(t *testing.T) {
	path := filepath.Join("..", "docs", "rules.md")
	want := Markdown(All)
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("docs/rules.md is stale: run go test ./rules -run TestDocsUpToDate -update")
	}
}

// TestPrivilegedAttributeWithSuperuserGrantDisabled checks that the
// attributes of a statement that also gives SUPERUSER are reported when
// superuser-grant, which otherwise reports the statement once, is disabled.
func TestPrivilegedAttributeWithSuperuserGrantDisabled(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roles.sql")
	if err := os.WriteFile(path, []byte("CREATE ROLE boss SUPERUSER CREATEROLE NOBYPASSRLS;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := lint.DefaultConfig()
	cfg.Disabled[SuperuserGrant.ID] = true
	var got []want
	for _, f := range lintFile(t, path, cfg) {
		got = append(got, want{line: f.Line, rule: f.Rule, col: f.Col, msg: f.Message})
	}
	compareWants(t, path, got, []want{{line: 1, rule: PrivilegedRoleAttribute.ID, col: 28,
		msg: "CREATE ROLE boss gives CREATEROLE: it can create roles and grant itself membership in most of them"}})
}
