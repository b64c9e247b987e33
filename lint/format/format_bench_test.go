package format

import (
	"fmt"
	"io"
	"testing"

	"github.com/grantguard/grantguard/lint"
)

// BenchmarkWriters renders the golden-test findings repeated for 1,000
// files in every format.
func BenchmarkWriters(b *testing.B) {
	cat := testCatalogue()
	var fs []lint.Finding
	for i := range 1000 {
		for _, f := range testFindings() {
			f.Path = fmt.Sprintf("db/migrations/%04d_%s", i, f.Path)
			fs = append(fs, f)
		}
	}
	for _, name := range Names() {
		w, _ := Lookup(name)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := w(io.Discard, cat, fs, testInfo); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
