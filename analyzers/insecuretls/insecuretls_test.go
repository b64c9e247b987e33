package insecuretls_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/grantguard/grantguard/analyzers/insecuretls"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), insecuretls.Analyzer, "tlsconf")
}

// TestSuggestedFixes applies every fix and compares the result with
// tlsfix.go.golden: InsecureSkipVerify goes only where RootCAs is set.
func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), insecuretls.Analyzer, "tlsfix")
}
