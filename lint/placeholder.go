package lint

import "strings"

// The SQL preprocess replaces psql variables and template placeholders with
// stand-ins of the same byte length so that positions survive. Inside a
// string literal a placeholder becomes StandInByte repeated; elsewhere it
// becomes StandInIdent followed by underscores, which the PostgreSQL scanner
// reads as an identifier. Rules use IsPlaceholder to tell such values from
// real literals: `PASSWORD :'pw'` is not a hardcoded password.
const (
	StandInByte  = '\x1a'
	StandInIdent = "ƍ" // U+018D, two bytes in UTF-8, so it fits ":v"
)

// IsPlaceholder reports whether s holds a stand-in from the preprocess or an
// unexpanded template of a kind users write in migrations and config
// (${VAR}, {{ .Var }}, <%= ENV["X"] %>, %(name)s).
func IsPlaceholder(s string) bool {
	return strings.IndexByte(s, StandInByte) >= 0 ||
		strings.Contains(s, StandInIdent) ||
		strings.Contains(s, "${") ||
		strings.Contains(s, "{{") ||
		strings.Contains(s, "<%") ||
		strings.Contains(s, "%(")
}
