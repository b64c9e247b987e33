package connstr

import (
	"database/sql"
	"fmt"
	"os"
)

const pw = "S3cretPassw0rd"

// Must fire.
const (
	dsnWeak    = "postgres://app@db.example.com:5432/app?sslmode=require"               // want `insecure-sslmode: connection string sets sslmode=require, which accepts any certificate`
	dsnPass    = "postgres://app:Hunter2Hunter2@db.example.com/app?sslmode=verify-full" // want `hardcoded-password: connection string holds a literal password \(Hu\*\*\*\)`
	dsnMissing = "host=db.example.com dbname=app user=app"                              // want `missing-sslmode: connection string to db.example.com sets no sslmode; libpq and pgx default`
	dsnConcat  = "postgres://app@db.example.com/app" + "?sslmode=" + "disable"          // want `insecure-sslmode: .*sslmode=disable, which sends the password and data in clear`
	dsnConst   = "postgres://app:" + pw + "@db.example.com/app?sslmode=verify-full"     // want `hardcoded-password: .*\(S3\*\*\*\)`
	jdbc       = "jdbc:postgresql://db.example.com/app?sslmode=verify-ca"               // want `insecure-sslmode: .*verify-ca`
	escaped    = "host=db.example.com user=app password='it\\'s-secret' sslmode=verify-full" // want `hardcoded-password: .*\(it\*\*\*\)`
)

func open(user, pass, host string, port int) {
	_, _ = sql.Open("postgres", "host=db.example.com user=app dbname=app")         // want `missing-sslmode: .*lib/pq defaults to "require"`
	_ = fmt.Sprintf("postgres://%s:%s@%s:%d/app?sslmode=disable", user, pass, host, port) // want `insecure-sslmode: fmt.Sprintf format string sets sslmode=disable`
	_ = fmt.Sprintf("host=%s password=Tr0ub4dor&3 sslmode=verify-full", host)            // want `hardcoded-password: fmt.Sprintf format string holds a literal password \(Tr\*\*\*\)`
	_ = fmt.Sprintf("postgres://%s@%s/app", user, host)                                 // want `missing-sslmode: fmt.Sprintf format string to a host filled in at run time sets no sslmode`
}

// Must not fire.
const (
	local     = "postgres://app:@localhost/app?sslmode=disable"
	loopback  = "host=127.0.0.1 dbname=app sslmode=disable"
	socket    = "host=/var/run/postgresql dbname=app user=app"
	templated = "postgres://app:${DB_PASSWORD}@db.example.com/app?sslmode=verify-full"
	verified  = "postgres://app@db.example.com/app?sslmode=verify-full&sslrootcert=system"
	notConn   = "a=b"
	web       = "https://example.com/?sslmode=disable"
	prose     = "set sslmode=disable to turn TLS off"
	sqlText   = "SELECT dblink_connect('host=db.example.com user=app password=secret')"
)

type settings struct {
	DSN string `json:"dsn" env:"DATABASE_URL=postgres://db.example.com/app"`
}

func fromEnv(user, pass, host string) {
	_, _ = sql.Open("pgx", os.Getenv("DATABASE_URL"))
	_ = fmt.Sprintf("postgres://%s:%s@%s/app?sslmode=verify-full", user, pass, host)
	_ = fmt.Sprintf("100%% of host=%s", host)
}

// Suppressed.
const (
	// grantguard:ignore insecure-sslmode the CI database has no certificate
	ciDSN     = "postgres://ci@ci-db.example.com/app?sslmode=disable"
	devDSN    = "postgres://dev@dev-db.example.com/app?sslmode=disable" //nolint:grantguard
	stageDSN  = "postgres://stage@stage-db.example.com/app?sslmode=disable" //nolint:grantguard:insecure-sslmode // staging only

	wrongRule = "postgres://x@x-db.example.com/app?sslmode=disable" //nolint:grantguard:missing-sslmode // want `insecure-sslmode`
)
