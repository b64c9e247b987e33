package rules

import "github.com/grantguard/grantguard/lint"

// liveSSLDisabled checks the server's ssl setting.
func liveSSLDisabled(p *lint.LivePass) { p.Settings(checkSSLDisabledConf) }
