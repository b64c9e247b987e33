package connstring_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/grantguard/grantguard/analyzers/connstring"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), connstring.Analyzer, "connstr")
}
