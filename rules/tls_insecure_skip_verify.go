package rules

import "github.com/grantguard/grantguard/lint"

// TLSInsecureSkipVerify flags Go TLS configurations that accept any server
// certificate. It has no SQL check: the analyzer in analyzers/insecuretls
// reports it from Go source.
var TLSInsecureSkipVerify = &lint.Rule{
	Meta: lint.Meta{
		ID:       "tls-insecure-skip-verify",
		Severity: lint.Error,
		Title:    "Go TLS configuration accepts any server certificate (InsecureSkipVerify)",
		Rationale: "With InsecureSkipVerify set, crypto/tls checks neither the certificate chain nor the host name, " +
			"so anyone on the path can present their own certificate, read the password and the data, and " +
			"change both. The connection is encrypted to the attacker. The crypto/tls documentation itself " +
			"says this mode is open to machine-in-the-middle attacks unless the program verifies the " +
			"certificate some other way.",
		References: []string{
			"Go standard library, crypto/tls Config (InsecureSkipVerify) — https://pkg.go.dev/crypto/tls#Config",
			"PostgreSQL documentation, SSL Support (Protection Provided in Different Modes) — https://www.postgresql.org/docs/current/libpq-ssl.html",
			"CWE-295: Improper Certificate Validation — https://cwe.mitre.org/data/definitions/295.html",
		},
		Bad:  "cfg := &tls.Config{InsecureSkipVerify: true}",
		Good: "pool := x509.NewCertPool()\npool.AppendCertsFromPEM(caPEM)\ncfg := &tls.Config{RootCAs: pool, ServerName: \"db.internal\"}",
		Fix: "Trust the server's CA through RootCAs (or the system pool) and let crypto/tls verify the " +
			"chain and host name. If the certificate is checked some other way, set " +
			"VerifyPeerCertificate or VerifyConnection in the same literal.",
		Tags:             []string{"tls", "connections"},
		Precision:        "very-high",
		SecuritySeverity: 7.5,
		Kinds:            []lint.Kind{lint.KindGo},
	},
}
