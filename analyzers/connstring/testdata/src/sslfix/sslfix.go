package sslfix

import "fmt"

const mode = "require"

var (
	url      = "postgres://app@db.example.com:5432/app?sslmode=require"           // want `insecure-sslmode: connection string sets sslmode=require`
	keyword  = "host=db.example.com user=app sslmode=prefer connect_timeout=5"    // want `insecure-sslmode: .*sslmode=prefer`
	quoted   = "host=db.example.com user=app sslmode = 'allow'"                   // want `insecure-sslmode: .*sslmode=allow`
	concat   = "postgres://app@db.example.com/app" + "?sslmode=" + "disable"      // want `insecure-sslmode: .*sslmode=disable`
	upper    = "postgres://app@db.example.com/app?SSLMODE=disable"                // want `missing-sslmode`
	jdbc     = "jdbc:postgresql://db.example.com/app?sslmode=verify-ca&user=app"  // want `insecure-sslmode: .*verify-ca`
	named    = "host=db.example.com user=app sslmode=" + mode                     // want `insecure-sslmode: .*sslmode=require`
	withPass = "postgres://app:Hunter2Hunter2@db.example.com/app?sslmode=require" // want `hardcoded-password` `insecure-sslmode`
)

func formats(host string) {
	_ = fmt.Sprintf("host=%s user=x sslmode=disable", host)              // want `insecure-sslmode: fmt.Sprintf format string sets sslmode=disable for a host set at run time`
	_ = fmt.Sprintf("host=%s user=x sslmode=%s", "db.example.com", mode) // want `insecure-sslmode: .*sslmode=require`
}
