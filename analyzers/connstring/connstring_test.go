package connstring_test

import (
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/grantguard/grantguard/analyzers/connstring"
	"github.com/grantguard/grantguard/analyzers/diag"
	"github.com/grantguard/grantguard/lint"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), connstring.Analyzer, "connstr")
}

// TestSeverity: a weak sslmode for a host set at run time is a warning (the
// connection may stay on the machine); for a host written out it keeps the
// rule's severity.
func TestSeverity(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), connstring.Analyzer, "severity")
	var got []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			got = append(got, d.Category)
		}
	}
	want := []string{"insecure-sslmode/warning", "insecure-sslmode", "insecure-sslmode/warning", "insecure-sslmode"}
	if !slices.Equal(got, want) {
		t.Errorf("categories = %q, want %q", got, want)
	}
}

// TestExemptHosts: [tls] exempt_hosts applies to hosts given as constant
// arguments of a format.
func TestExemptHosts(t *testing.T) {
	cfg := lint.DefaultConfig()
	cfg.ExemptHosts = append(cfg.ExemptHosts, "db.internal", "10.0.0.0/8")
	analysistest.Run(t, analysistest.TestData(), connstring.New(&diag.Settings{Config: cfg}), "exempthosts")
}

// TestSuggestedFixes applies every fix and compares the result with
// sslfix.go.golden: the sslmode value written in a literal becomes
// verify-full; one that comes from a named constant is left alone.
func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), connstring.Analyzer, "sslfix")
}
