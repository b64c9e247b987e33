package lsp

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/grantguard/grantguard/internal/benchgen/corpus"
)

// migration1000 returns a migration of at least 1,000 lines from the
// benchmark corpus: whole generated files, one after another.
func migration1000() string {
	g := corpus.New(1)
	var b strings.Builder
	for i := 0; strings.Count(b.String(), "\n") < 1000; i++ {
		_, text := g.File(i, true)
		b.WriteString(text)
		b.WriteString("\n")
	}
	return b.String()
}

// BenchmarkRecheckMigration is the work after a change to a 1,000-line
// SQL migration: lint the buffer and convert the findings to diagnostics.
func BenchmarkRecheckMigration(b *testing.B) {
	root := b.TempDir()
	path := filepath.Join(root, "migrations", "20240101000000_schema.sql")
	text := migration1000()
	writeFile(b, path, text)
	// Two versions of the buffer, told apart by an edit in the middle.
	mid := strings.Index(text[len(text)/2:], "\n") + len(text)/2
	texts := []string{text, text[:mid] + " -- edited" + text[mid:]}
	s := newServer()
	s.folders = []string{root}
	found, note := s.lint(path, text)
	if note != "" || len(found) == 0 {
		b.Fatalf("%d findings, note %q", len(found), note)
	}
	b.ResetTimer()
	for i := range b.N {
		s.lint(path, texts[i%2])
	}
	b.ReportMetric(float64(strings.Count(text, "\n")), "lines")
}
