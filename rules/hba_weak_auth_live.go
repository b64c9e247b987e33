package rules

import "github.com/grantguard/grantguard/lint"

// liveHBAWeakAuth checks the pg_hba.conf rules the server loaded.
func liveHBAWeakAuth(p *lint.LivePass) { p.HBA(checkHBAWeakAuth) }
