package tlsfix

import (
	"crypto/tls"
	"crypto/x509"
)

// RootCAs set in the literal: the field's line goes.
func ownLine(pool *x509.CertPool) *tls.Config {
	return &tls.Config{
		RootCAs:            pool,
		InsecureSkipVerify: true, // want `tls-insecure-skip-verify: tls.Config sets InsecureSkipVerify`
		ServerName:         "db.internal",
	}
}

// On one line: the field and its separator go.
func sameLineFirst(pool *x509.CertPool) *tls.Config {
	return &tls.Config{InsecureSkipVerify: true, RootCAs: pool} // want `tls-insecure-skip-verify`
}

func sameLineLast(pool *x509.CertPool) *tls.Config {
	return &tls.Config{RootCAs: pool, InsecureSkipVerify: true} // want `tls-insecure-skip-verify`
}

// RootCAs in the literal the variable starts from, then the assignment.
func assignedAfterLiteral(pool *x509.CertPool) *tls.Config {
	cfg := &tls.Config{RootCAs: pool}
	cfg.InsecureSkipVerify = true // want `tls-insecure-skip-verify: InsecureSkipVerify = true turns off`
	return cfg
}

// RootCAs assigned to the same configuration.
func assignedBoth(pool *x509.CertPool) *tls.Config {
	var cfg tls.Config
	cfg.RootCAs = pool
	if pool != nil {
		cfg.InsecureSkipVerify = true // want `tls-insecure-skip-verify`
	}
	return &cfg
}

// No RootCAs, or RootCAs: nil: reported, no fix (a private CA would stop
// working).
func noRoots() *tls.Config {
	return &tls.Config{
		InsecureSkipVerify: true, // want `tls-insecure-skip-verify`
	}
}

func nilRoots() *tls.Config {
	return &tls.Config{RootCAs: nil, InsecureSkipVerify: true} // want `tls-insecure-skip-verify`
}

// RootCAs of another configuration: no fix.
func otherConfig(pool *x509.CertPool) (*tls.Config, *tls.Config) {
	a, b := &tls.Config{}, &tls.Config{}
	a.RootCAs = pool
	b.InsecureSkipVerify = true // want `tls-insecure-skip-verify`
	return a, b
}
