package rules

import (
	"fmt"
	"slices"
	"testing"

	"github.com/grantguard/grantguard/lint"
)

// TestInsecureSSLModeSeverity: a weak sslmode for a host set at run time is
// a warning, as the connection may stay on the machine; with the host
// written out it keeps the rule's severity.
func TestInsecureSSLModeSeverity(t *testing.T) {
	for path, want := range map[string][]string{
		"testdata/insecure-sslmode/bad.sh":   {"2 error", "3 error", "4 warning"},
		"testdata/insecure-sslmode/bad.yaml": {"3 error", "5 error", "9 error", "10 warning"},
		"testdata/insecure-sslmode/bad.sql":  {"2 error", "3 error", "4 error", "5 error", "6 error", "7 warning"},
	} {
		var got []string
		for _, f := range lintFile(t, path, nil) {
			if f.Rule == InsecureSSLMode.ID {
				got = append(got, fmt.Sprintf("%d %s", f.Line, f.Severity))
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: insecure-sslmode findings %q, want %q", path, got, want)
		}
	}
	if InsecureSSLMode.Severity != lint.Error {
		t.Errorf("insecure-sslmode severity = %s, want error", InsecureSSLMode.Severity)
	}
}
