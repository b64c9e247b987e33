package connstr

import (
	"database/sql"
	"flag"
	"fmt"
	"os"
)

const pw = "S3cretPassw0rd"

// Must fire.
const (
	dsnWeak    = "postgres://app@db.example.com:5432/app?sslmode=require"                    // want `insecure-sslmode: connection string sets sslmode=require, which accepts any certificate`
	dsnPass    = "postgres://app:Hunter2Hunter2@db.example.com/app?sslmode=verify-full"      // want `hardcoded-password: connection string holds a literal password \(Hu\*\*\*\)`
	dsnMissing = "host=db.example.com dbname=app user=app"                                   // want `missing-sslmode: connection string to db.example.com sets no sslmode; libpq and pgx default`
	dsnConcat  = "postgres://app@db.example.com/app" + "?sslmode=" + "disable"               // want `insecure-sslmode: .*sslmode=disable, which sends the password and data in clear`
	dsnConst   = "postgres://app:" + pw + "@db.example.com/app?sslmode=verify-full"          // want `hardcoded-password: .*\(S3\*\*\*\)`
	jdbc       = "jdbc:postgresql://db.example.com/app?sslmode=verify-ca"                    // want `insecure-sslmode: .*verify-ca`
	escaped    = "host=db.example.com user=app password='it\\'s-secret' sslmode=verify-full" // want `hardcoded-password: .*\(it\*\*\*\)`
)

const remoteHost = "db.example.com"

func open(user, pass, host string, port int) {
	_, _ = sql.Open("postgres", "host=db.example.com user=app dbname=app")                // want `missing-sslmode: .*lib/pq defaults to "require"`
	_ = fmt.Sprintf("postgres://%s:%s@%s:%d/app?sslmode=disable", user, pass, host, port) // want `insecure-sslmode: fmt.Sprintf format string sets sslmode=disable for a host set at run time; if that host is on another machine, the password and data are exposed; use sslmode=verify-full`
	_ = fmt.Sprintf("host=%s password=Tr0ub4dor&3 sslmode=verify-full", host)             // want `hardcoded-password: fmt.Sprintf format string holds a literal password \(Tr\*\*\*\)`
	_ = fmt.Sprintf("postgres://%s@%s/app", user, host)                                   // want `missing-sslmode: fmt.Sprintf format string to a host set at run time sets no sslmode`
	_ = fmt.Sprintf("host=%[2]s user=%[1]s sslmode=require", user, host)                  // want `insecure-sslmode: .*sslmode=require for a host set at run time; if that host is on another machine, a machine in the middle can read the traffic`
	_ = fmt.Sprintf("host=%s,db.example.com user=x sslmode=prefer", host)                 // want `insecure-sslmode: fmt.Sprintf format string sets sslmode=prefer, which falls back to an unencrypted connection`

	// Constant arguments are filled in.
	_ = fmt.Sprintf("host=%s user=x sslmode=disable", "db.example.com")                        // want `insecure-sslmode: fmt.Sprintf format string sets sslmode=disable, which sends the password and data in clear`
	_ = fmt.Sprintf("host=%s port=%d dbname=app", remoteHost, 5432)                            // want `missing-sslmode: fmt.Sprintf format string to db.example.com sets no sslmode`
	_ = fmt.Sprintf("postgres://app:%s@%s/app?sslmode=verify-full", "ArgSecret99", host)       // want `hardcoded-password: fmt.Sprintf format string holds a literal password \(Ar\*\*\*\)`
	_ = fmt.Sprintf("%s?sslmode=require", "postgres://app@db.example.com/app")                 // want `insecure-sslmode: fmt.Sprintf format string sets sslmode=require, which accepts any certificate`
	_ = fmt.Sprintf("host=%s user=x sslmode=%s", "db.example.com", "allow")                    // want `insecure-sslmode: .*sslmode=allow, which falls back`
	fmt.Printf("DSN: %s\n", "postgres://app:ArgOnly99@db.example.com/app?sslmode=verify-full") // want `hardcoded-password: connection string holds a literal password \(Ar\*\*\*\)`
	_ = []string{"PGHOST=x", "DATABASE_URL=postgres://app:EnvSecret99@db.example.com/app"}     // want `hardcoded-password: connection string holds a literal password \(En\*\*\*\)` `missing-sslmode: connection string to db.example.com sets no sslmode`
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

	// Usage and help text mentions connection strings; it is not one.
	usage  = "Usage: tool -dsn 'postgres://user:UsageSecret1@db.example.com/db?sslmode=disable'\n  -v  verbose output\n"
	help   = "libpq connection string, e.g. host=db.example.com user=app sslmode=disable"
	quoted = `"postgres://app@db.example.com/app"`

	// A value that only names a password is none.
	placeholder = "postgres://user:password@db.example.com/app?sslmode=verify-full"

	// PgBouncer's [databases] entries take no sslmode.
	pgbouncerIni   = "[databases]\nmydb = host=db.example.com port=5432 dbname=mydb\n"
	pgbouncerEntry = "mydb = host=db.example.com port=5432 dbname=mydb"
)

type settings struct {
	DSN string `json:"dsn" env:"DATABASE_URL=postgres://db.example.com/app"`
}

func fromEnv(user, pass, host, db, query, opts string, port int, err error, args []any) {
	_, _ = sql.Open("pgx", os.Getenv("DATABASE_URL"))
	_ = fmt.Sprintf("postgres://%s:%s@%s/app?sslmode=verify-full", user, pass, host)
	_ = fmt.Sprintf("100%% of host=%s", host)
	_ = flag.String("dsn", "", "connection string, for example host=db.example.com user=app sslmode=disable")
	fmt.Printf("Usage: tool -dsn 'postgres://user:UsageSecret1@%s/db?sslmode=disable'\n", host)
	_ = fmt.Errorf("cannot connect to host=%s dbname=%s: %w", host, db, err)

	// Loopback hosts and unix sockets given as constant arguments.
	_ = fmt.Sprintf("host=%s user=x sslmode=disable", "localhost")
	_ = fmt.Sprintf("postgres://app:%s@%s/app?sslmode=disable", pass, "127.0.0.1")
	_ = fmt.Sprintf("host=%s user=x password=%s sslmode=disable", "/var/run/postgresql", pass)

	// A host named for a socket directory is one, whatever its value.
	_ = fmt.Sprintf("host=%s user=x sslmode=disable", socketDir)
	_ = fmt.Sprintf("host=%s port=%d user=x sslmode=disable", getSocketDir(), port)

	// A verb where further parameters go may set sslmode.
	_ = fmt.Sprintf("postgres://%v:%v@%v/%v?%v", user, pass, host, db, query)
	_ = fmt.Sprintf("postgres://%s@%s/app?%s", user, host, query)
	_ = fmt.Sprintf("host=%s port=%d dbname=%s %s", host, port, db, opts)

	// Go-quoted values are for display: libpq does not read them.
	_ = fmt.Sprintf("host=%q user=%q database=%q", host, user, db)

	// A format given its arguments as a slice: nothing is known of them.
	_ = fmt.Sprintf("host=%s sslmode=verify-full", args...)
}

// Suppressed.
const (
	// grantguard:ignore insecure-sslmode the CI database has no certificate
	ciDSN    = "postgres://ci@ci-db.example.com/app?sslmode=disable"
	devDSN   = "postgres://dev@dev-db.example.com/app?sslmode=disable"     //nolint:grantguard
	stageDSN = "postgres://stage@stage-db.example.com/app?sslmode=disable" //nolint:grantguard:insecure-sslmode // staging only

	wrongRule = "postgres://x@x-db.example.com/app?sslmode=disable" //nolint:grantguard:missing-sslmode // want `insecure-sslmode`
)

var socketDir = os.Getenv("PGSOCKETDIR")

func getSocketDir() string { return socketDir }
