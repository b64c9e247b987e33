package insecuretls_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/grantguard/grantguard/analyzers/insecuretls"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), insecuretls.Analyzer, "tlsconf")
}
