package rules

import (
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/access"
)

// History tells a run which findings of a migration history a later
// migration undoes (a SUPERUSER later taken away, a GRANT ALL later
// revoked, a SECURITY DEFINER function later given a search_path): the
// replayed access model decides. Pass it as lint.Options.History beside All.
var History = &lint.History{Rules: access.HistoryRules, Undone: access.Undone}
