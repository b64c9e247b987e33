// Command grantguard lints PostgreSQL access control: SQL migrations,
// server and client configuration, and Go source.
//
// Usage:
//
//	grantguard check [flags] [path ...]
//	grantguard init [FILE]
//	grantguard rules
//	grantguard explain RULE
//	grantguard version
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
