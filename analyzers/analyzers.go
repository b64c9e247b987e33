// Package analyzers lists grantguard's go/analysis analyzers, which check
// Go source for the access-control problems grantguard finds in SQL and
// config: connection strings with a password or a weak sslmode
// (connstring), passwords in named literals (hardcodedpassword), TLS that
// does not verify the server (insecuretls), SQL passed to database
// drivers (embeddedsql) and network allowlists that admit too much
// (broadcidr).
//
// The same analyzers run in three drivers: `grantguard check` (through
// lint.Options.Analyzers), `go vet -vettool=$(which grantguard-vet)` and
// golangci-lint's module plugin (package analyzers/golangci).
// Registration is this one explicit list.
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/grantguard/grantguard/analyzers/broadcidr"
	"github.com/grantguard/grantguard/analyzers/connstring"
	"github.com/grantguard/grantguard/analyzers/diag"
	"github.com/grantguard/grantguard/analyzers/embeddedsql"
	"github.com/grantguard/grantguard/analyzers/hardcodedpassword"
	"github.com/grantguard/grantguard/analyzers/insecuretls"
)

// New returns every analyzer, configured by set (nil: the defaults).
func New(set *diag.Settings) []*analysis.Analyzer {
	if set == nil {
		set = &diag.Settings{}
	}
	return []*analysis.Analyzer{
		connstring.New(set),
		hardcodedpassword.New(set),
		insecuretls.New(set),
		embeddedsql.New(set),
		broadcidr.New(set),
	}
}

// All returns every analyzer with the default settings: suppression
// comments honoured, no rule disabled, the default exempt hosts.
func All() []*analysis.Analyzer { return New(nil) }
