package insecuretls

import "crypto/tls"

var cfg = &tls.Config{InsecureSkipVerify: true} // want `tls-insecure-skip-verify`
