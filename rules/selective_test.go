package rules

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/grantguard/grantguard/internal/benchgen/corpus"
	"github.com/grantguard/grantguard/lint"
)

// TestSelectiveParseSameFindings lints every test corpus of the repository
// (rule fixtures, end-to-end migrations, examples) and the generated
// benchmark corpus twice, with selective parsing and with every statement
// parsed, and requires the same findings: selective parsing may only save
// time.
func TestSelectiveParseSameFindings(t *testing.T) {
	gen := t.TempDir()
	if err := corpus.Write(gen, 600, 7, false); err != nil {
		t.Fatal(err)
	}
	roots := []string{"testdata", "../testdata/e2e", "../examples", "../lint/sqlfront/testdata/bodies", gen}
	// More SQL trees, such as a checkout of public repositories:
	// GRANTGUARD_SQL_CORPUS=dir1:dir2.
	if extra := os.Getenv("GRANTGUARD_SQL_CORPUS"); extra != "" {
		roots = append(roots, filepath.SplitList(extra)...)
	}
	for _, root := range roots {
		t.Run(root, func(t *testing.T) {
			run := func(full bool) []string {
				res, err := lint.Run(context.Background(), lint.Options{Paths: []string{root}, Catalogue: All, FullParse: full})
				if err != nil {
					t.Fatal(err)
				}
				var out []string
				for _, f := range res.Findings {
					out = append(out, fmt.Sprintf("%s:%d:%d-%d:%d %s %s: %s | %s | %s",
						f.Path, f.Line, f.Col, f.EndLine, f.EndCol, f.Severity, f.Rule, f.Message, f.Source, f.Fingerprint))
				}
				return out
			}
			full, sel := run(true), run(false)
			if len(full) == 0 {
				t.Fatal("no findings: the corpus is not exercising the rules")
			}
			if !slices.Equal(full, sel) {
				for i := range max(len(full), len(sel)) {
					var a, b string
					if i < len(full) {
						a = full[i]
					}
					if i < len(sel) {
						b = sel[i]
					}
					if a != b {
						t.Errorf("first difference at finding %d:\nfull:      %s\nselective: %s", i, a, b)
						break
					}
				}
				t.Errorf("%d findings with full parsing, %d with selective parsing", len(full), len(sel))
			}
		})
	}
}
