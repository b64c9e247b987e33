package rules

import (
	"context"
	"testing"

	"github.com/grantguard/grantguard/internal/benchgen/corpus"
	"github.com/grantguard/grantguard/lint"
)

// benchCorpus writes the generated benchmark corpus: 400 files, SQL in
// every migration layout plus config files.
func benchCorpus(b *testing.B) string {
	dir := b.TempDir()
	if err := corpus.Write(dir, 400, 1, false); err != nil {
		b.Fatal(err)
	}
	return dir
}

func benchRun(b *testing.B, dir string, cat lint.Catalogue, fullParse bool) {
	b.ReportAllocs()
	for b.Loop() {
		res, err := lint.Run(context.Background(), lint.Options{Paths: []string{dir}, WorkDir: dir, Catalogue: cat, Jobs: 1, FullParse: fullParse})
		if err != nil {
			b.Fatal(err)
		}
		if res.Files == 0 {
			b.Fatal("no files linted")
		}
	}
}

// BenchmarkRun lints the whole corpus with every rule on one worker, with
// selective parsing (the default) and with every statement parsed.
func BenchmarkRun(b *testing.B) {
	dir := benchCorpus(b)
	b.Run("selective", func(b *testing.B) { benchRun(b, dir, All, false) })
	b.Run("full-parse", func(b *testing.B) { benchRun(b, dir, All, true) })
}

// BenchmarkRule lints the corpus with one rule at a time, so a slow rule
// stands out against the front end's fixed cost (see BenchmarkRun/none).
func BenchmarkRule(b *testing.B) {
	dir := benchCorpus(b)
	b.Run("none", func(b *testing.B) { benchRun(b, dir, lint.Catalogue{}, false) })
	for _, r := range All {
		b.Run(r.ID, func(b *testing.B) { benchRun(b, dir, lint.Catalogue{r}, false) })
	}
}
