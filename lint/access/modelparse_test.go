package access

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/grantguard/grantguard/internal/benchgen/corpus"
	"github.com/grantguard/grantguard/lint"
)

// TestModelParseSameResults replays every SQL tree of the repository
// (rule fixtures, end-to-end migrations, examples, the generated benchmark
// corpus, and GRANTGUARD_SQL_CORPUS=dir1:dir2) with the statements that
// change nothing the model follows left unparsed, and with every
// statement parsed: the undone problems, the row-security findings and
// the access report (its notes included) must be the same.
func TestModelParseSameResults(t *testing.T) {
	gen := t.TempDir()
	if err := corpus.Write(gen, 300, 7, false); err != nil {
		t.Fatal(err)
	}
	roots := []string{"../../rules/testdata", "../../testdata/e2e", "../../examples", "testdata", gen}
	if extra := os.Getenv("GRANTGUARD_SQL_CORPUS"); extra != "" {
		roots = append(roots, filepath.SplitList(extra)...)
	}
	defer func(p func([]byte) ([]lint.SQLStatement, []lint.SQLParseProblem)) { parseFile = p }(parseFile)
	for _, root := range roots {
		t.Run(root, func(t *testing.T) {
			if _, err := os.Stat(root); err != nil {
				t.Skip(err)
			}
			files, err := lint.SQLFiles(lint.Options{Paths: []string{root}})
			if err != nil {
				t.Fatal(err)
			}
			cfg := lint.DefaultConfig()
			cfg.HistoryEvery = false
			run := func(parse func([]byte) ([]lint.SQLStatement, []lint.SQLParseProblem)) string {
				parseFile = parse
				var b strings.Builder
				for _, u := range Undone(files, cfg) {
					b.WriteString(u.Path + " " + u.Rule + " " + strconv.Itoa(u.Start) + "-" + strconv.Itoa(u.End) + "\n")
				}
				for _, f := range CheckSecurity(files, cfg) {
					b.WriteString(f.Path + " " + f.Rule + " " + strconv.Itoa(f.Offset) + " " + f.Msg + "\n")
				}
				ms := make([]Migration, 0, len(files))
				for _, f := range files {
					ms = append(ms, Migration{Path: f.Path, Src: f.Src})
				}
				if err := Write(&b, "json", BuildReport(Order(ms), "postgres", "postgres", cfg)); err != nil {
					t.Fatal(err)
				}
				return b.String()
			}
			full, sel := run(lint.ParseSQLFile), run(lint.ParseSQLFileForModel)
			if full != sel {
				a, b := strings.Split(full, "\n"), strings.Split(sel, "\n")
				for i := range max(len(a), len(b)) {
					var x, y string
					if i < len(a) {
						x = a[i]
					}
					if i < len(b) {
						y = b[i]
					}
					if x != y {
						t.Fatalf("%d files: first difference at line %d:\nfull:      %s\nselective: %s", len(files), i+1, x, y)
					}
				}
			}
			t.Logf("%d files, %d bytes of results", len(files), len(full))
		})
	}
}
