package rules

import "github.com/grantguard/grantguard/lint"

// liveWeakPasswordEncryption checks the server's password_encryption.
func liveWeakPasswordEncryption(p *lint.LivePass) { p.Settings(checkWeakPasswordEncryptionConf) }
