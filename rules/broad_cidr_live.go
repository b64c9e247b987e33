package rules

import "github.com/grantguard/grantguard/lint"

// liveBroadCIDR checks the addresses of the pg_hba.conf rules the server
// loaded.
func liveBroadCIDR(p *lint.LivePass) { p.HBA(checkBroadCIDRHBA) }
