package tlsconf

import (
	"crypto/tls"
	"crypto/x509"
)

const skip = true

// Must fire.
func literal() *tls.Config {
	return &tls.Config{InsecureSkipVerify: true} // want `tls-insecure-skip-verify: tls.Config sets InsecureSkipVerify: true`
}

func constant() tls.Config {
	return tls.Config{ServerName: "db", InsecureSkipVerify: skip} // want `tls-insecure-skip-verify`
}

func assigned() *tls.Config {
	cfg := &tls.Config{}
	cfg.InsecureSkipVerify = true // want `tls-insecure-skip-verify: InsecureSkipVerify = true turns off`
	return cfg
}

func inSlice() []*tls.Config {
	return []*tls.Config{{InsecureSkipVerify: true}} // want `tls-insecure-skip-verify`
}

// Must not fire.
func verified(pool *x509.CertPool) *tls.Config {
	return &tls.Config{RootCAs: pool, ServerName: "db.internal"}
}

func off() *tls.Config { return &tls.Config{InsecureSkipVerify: false} }

func flagged(insecure bool) *tls.Config { return &tls.Config{InsecureSkipVerify: insecure} }

func ownCheck(verify func([][]byte, [][]*x509.Certificate) error) *tls.Config {
	return &tls.Config{InsecureSkipVerify: true, VerifyPeerCertificate: verify}
}

func ownCheckAssigned() *tls.Config {
	cfg := &tls.Config{}
	cfg.InsecureSkipVerify = true
	cfg.VerifyConnection = func(tls.ConnectionState) error { return nil }
	return cfg
}

// Options is a lookalike: a field of the same name on another type.
type Options struct{ InsecureSkipVerify bool }

func lookalike() Options {
	o := Options{InsecureSkipVerify: true}
	o.InsecureSkipVerify = true
	return o
}

// Suppressed.
func suppressed() *tls.Config {
	// grantguard:ignore tls-insecure-skip-verify talks to a test server with a throwaway certificate
	return &tls.Config{InsecureSkipVerify: true}
}

// Reviewed for gosec: #nosec alone or naming G402.
func gosecReviewed() (*tls.Config, *tls.Config) {
	a := &tls.Config{InsecureSkipVerify: true} // #nosec G402 -- test server with a throwaway certificate
	b := &tls.Config{}
	b.InsecureSkipVerify = true // #nosec
	return a, b
}

// #nosec on the line above, as gosec also reads it.
func gosecAbove() *tls.Config {
	//#nosec G402 -- a local test server with a self-signed certificate
	return &tls.Config{InsecureSkipVerify: true}
}

// #nosec for another check is not for this one.
func gosecOther() *tls.Config {
	return &tls.Config{InsecureSkipVerify: true} // #nosec G101 // want `tls-insecure-skip-verify: tls.Config sets InsecureSkipVerify`
}

// A driver that implements verify-ca: the default check is off, and the
// function verifies the chain itself.
func verifyCA(roots *x509.CertPool, raw []byte) (*tls.Config, error) {
	cfg := &tls.Config{}
	cfg.InsecureSkipVerify = true
	cert, err := x509.ParseCertificate(raw)
	if err != nil {
		return nil, err
	}
	if _, err := cert.Verify(x509.VerifyOptions{Roots: roots}); err != nil {
		return nil, err
	}
	return cfg, nil
}
