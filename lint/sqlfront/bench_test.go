package sqlfront

import (
	"testing"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/pganalyze/pg_query_go/v5/parser"

	"github.com/grantguard/grantguard/internal/benchgen/corpus"
)

// benchSQL returns the SQL files of the generated benchmark corpus, raw and
// preprocessed.
func benchSQL(b *testing.B) (raw [][]byte, pre []string) {
	g := corpus.New(1)
	for i := range 300 {
		_, body := g.File(i, true)
		raw = append(raw, []byte(body))
		pre = append(pre, string(Preprocess([]byte(body))))
	}
	return raw, pre
}

func benchBytes(b *testing.B, files []string) {
	n := 0
	for _, f := range files {
		n += len(f)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
}

func BenchmarkPreprocessSQL(b *testing.B) {
	raw, pre := benchSQL(b)
	benchBytes(b, pre)
	for b.Loop() {
		for _, f := range raw {
			Preprocess(f)
		}
	}
}

// BenchmarkSQLFrontEnd compares grantguard's two parse paths with the
// pg_query primitives they are built from, over the same preprocessed files.
func BenchmarkSQLFrontEnd(b *testing.B) {
	_, pre := benchSQL(b)
	cases := []struct {
		name string
		fn   func(string)
	}{
		{"Parse/full", func(s string) { Parse(s) }},
		{"Parse/selective", func(s string) { ParseSelective(s) }},
		{"pg_query/Parse", func(s string) { _, _ = pg_query.Parse(s) }},
		{"pg_query/Scan", func(s string) { _, _ = pg_query.Scan(s) }},
		{"pg_query/SplitWithParser", func(s string) { _, _ = parser.SplitWithParser(s, false) }},
		{"pg_query/SplitWithScanner", func(s string) { _, _ = parser.SplitWithScanner(s, false) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			benchBytes(b, pre)
			for b.Loop() {
				for _, f := range pre {
					c.fn(f)
				}
			}
		})
	}
}
