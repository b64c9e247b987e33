package embeddedsql_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/grantguard/grantguard/analyzers/embeddedsql"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), embeddedsql.Analyzer, "querysql")
}
