// Package db is the fixture go vet -vettool=grantguard-vet runs on.
package db

import (
	"crypto/tls"
	"database/sql"
)

const dsn = "postgres://app:Hunter2Hunter2@db.example.com/app?sslmode=require" // want "hardcoded-password" "insecure-sslmode"

var tlsConfig = &tls.Config{InsecureSkipVerify: true} // want "tls-insecure-skip-verify"

const adminPassword = "correct-horse" // want "hardcoded-password"

func Setup(db *sql.DB) error {
	_, err := db.Exec("GRANT ALL ON TABLE accounts TO app") // want "grant-all"
	return err
}

//nolint:grantguard // fixture: suppressed
const devDSN = "postgres://dev@dev.example.com/app?sslmode=disable"

// Fine: read at run time, verified TLS.
var (
	prodDSN = "postgres://app@db.example.com/app?sslmode=verify-full&sslrootcert=system"
	prodTLS = &tls.Config{ServerName: "db.example.com"}
	_, _    = prodDSN, prodTLS
)
