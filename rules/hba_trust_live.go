package rules

import "github.com/grantguard/grantguard/lint"

// liveHBATrust checks the pg_hba.conf rules the server loaded.
func liveHBATrust(p *lint.LivePass) { p.HBA(checkHBATrust) }
