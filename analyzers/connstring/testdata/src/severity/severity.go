package severity

import "fmt"

func open(host string) {
	_ = fmt.Sprintf("host=%s user=app sslmode=disable", host)             // want `insecure-sslmode: fmt.Sprintf format string sets sslmode=disable for a host set at run time`
	_ = fmt.Sprintf("host=%s user=app sslmode=disable", "db.example.com") // want `insecure-sslmode: fmt.Sprintf format string sets sslmode=disable, which sends the password and data in clear`
	_ = "host=${DB_HOST} user=app sslmode=require"                        // want `insecure-sslmode: connection string sets sslmode=require for a host set at run time`
	_ = "postgres://app@db-${ENV}.example.com/app?sslmode=require"        // want `insecure-sslmode: connection string sets sslmode=require, which accepts any certificate`
}
