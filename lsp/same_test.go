package lsp

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/rules"
)

// TestSameFindingsAsCheck: each file linted from memory by a lint.Project,
// as the server lints a buffer, has exactly the findings a run of check
// over its project reports for it (Go files aside), and the files a run
// leaves out get none.
func TestSameFindingsAsCheck(t *testing.T) {
	for _, dir := range []string{"../examples", "../rules/testdata"} {
		root, err := filepath.Abs(dir)
		if err != nil {
			t.Fatal(err)
		}
		opts := lint.Options{Paths: []string{root}, WorkDir: root, Catalogue: rules.All, History: rules.History, Jobs: 1}
		res, err := lint.Run(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]lint.Finding{}
		for _, f := range res.Findings {
			want[f.Path] = append(want[f.Path], f)
		}
		p, err := lint.NewProject(opts)
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			k := lint.Classify(path)
			if k == lint.KindUnknown || k == lint.KindGo {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			rel = filepath.ToSlash(rel)
			got, note := p.Check(path, src)
			if note == "" {
				checked++
			}
			if !reflect.DeepEqual(got, want[rel]) {
				t.Errorf("%s (note %q)\n got %+v\nwant %+v", rel, note, got, want[rel])
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if checked < res.Files/2 {
			t.Errorf("%s: %d files checked, the run linted %d", dir, checked, res.Files)
		}
		t.Logf("%s: %d files, %d findings", dir, checked, len(res.Findings))
	}
}
