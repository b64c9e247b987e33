// Package store opens the service's database. Mostly done right (TLS verified,
// secrets from the environment), it goes wrong in a few places for grantguard.
package store

import (
	"crypto/tls"
	"crypto/x509"
	"database/sql"
	"os"
)

// Good: the DSN comes from the environment.
func Open() (*sql.DB, error) {
	return sql.Open("pgx", os.Getenv("DATABASE_URL"))
}

// Bad: a fallback DSN with a password and an sslmode that verifies nothing.
const fallbackDSN = "postgres://app:Winter-2024-pw@db.internal.example.com:5432/shop?sslmode=require"

// Bad: the reporting replica is reached without any sslmode.
const replicaDSN = "host=replica.internal.example.com dbname=shop user=reporting"

// Bad: a test convenience that shipped.
var insecureTLS = &tls.Config{InsecureSkipVerify: true}

// Good: the CA is pinned and the host name is checked.
func verifiedTLS(ca []byte) *tls.Config {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca)
	return &tls.Config{RootCAs: pool, ServerName: "db.internal.example.com"}
}

// Bootstrap runs at first start.
func Bootstrap(db *sql.DB) error {
	// Good: least privilege.
	if _, err := db.Exec("GRANT SELECT ON shop.orders TO app_readonly"); err != nil {
		return err
	}
	// Bad: every privilege, to everyone's role.
	_, err := db.Exec("GRANT ALL ON ALL TABLES IN SCHEMA shop TO reporting")
	return err
}
