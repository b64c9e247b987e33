package exempthosts

import "fmt"

const internalHost = "db.internal"

func open(user string) {
	// Hosts listed in [tls] exempt_hosts, given as constant arguments.
	_ = fmt.Sprintf("host=%s user=%s sslmode=disable", internalHost, user)
	_ = fmt.Sprintf("postgres://%s@%s/app?sslmode=require", user, "10.1.2.3")
	_ = fmt.Sprintf("host=%s user=%s dbname=app", "db.internal", user)

	_ = fmt.Sprintf("host=%s user=%s sslmode=disable", "db.example.com", user) // want `insecure-sslmode: .*sslmode=disable, which sends`
	_ = fmt.Sprintf("host=%s user=%s dbname=app", "192.168.1.5", user)         // want `missing-sslmode: fmt.Sprintf format string to 192.168.1.5 sets no sslmode`
}
