package pw

import (
	"errors"
	"net/url"
	"os"
)

// Must fire.
const Password = "Sup3rSecretValue" // want `hardcoded-password: Password is set to a literal password \(Su\*\*\*\)`

const dbPasswd = "abc12345" // want `hardcoded-password: dbPasswd is set to a literal password \(ab\*\*\*\)`

var DB_PASSWORD = "zz-top-secret" // want `hardcoded-password: DB_PASSWORD is set`

var pwd = "pw1" // want `hardcoded-password: pwd is set to a literal password \(\*\*\*\)`

const adminPassword = "admin" + "-" + "2024!" // want `hardcoded-password: adminPassword`

const weakPassword = "password1" // want `hardcoded-password: weakPassword is set to a literal password \(pa\*\*\*\)`

// A named type that says secret keeps its constants secret.
type Secret string

const RootPassword Secret = "NamedSecret1" // want `hardcoded-password: RootPassword is set to a literal password \(Na\*\*\*\)`

type Config struct {
	Host, Password, PasswordHint string
}

func set() {
	c := Config{Host: "h", Password: "LiteralPass1"} // want `hardcoded-password: Password is set to a literal password \(Li\*\*\*\)`
	c.Password = "Another1"                          // want `hardcoded-password: Password is set`
	m := map[string]string{"password": "mapSecret1"} // want `hardcoded-password: password is set`
	m["db_password"] = "mapSecret2"                  // want `hardcoded-password: db_password is set`
	os.Setenv("PGPASSWORD", "envSecret1")            // want `hardcoded-password: environment variable PGPASSWORD is set`
	_ = url.UserPassword("app", "urlSecret1")        // want `hardcoded-password: url.UserPassword is given a literal password`
	password := "localSecret"                        // want `hardcoded-password: password is set`
	_, _, _ = c, m, password
}

// Must not fire: names that only mention a password, messages, env
// lookups, names of environment variables, templates, empty values.
const passwordHint = "your first pet"

const PasswordFieldName = "password"

const PasswordEnv = "DB_PASSWORD"

const ErrPassword = "bad"

const MsgPassword = "invalid password"

const maskedPassword = "***"

var ErrNoPassword = errors.New("no password given")

var dbPassword = os.Getenv("DB_PASSWORD")

const passwordKey = "DB_PASSWORD"

// Enum labels: constants of a named type.
type LoginType string

const (
	LoginTypePassword    LoginType = "password"
	LoginTypeAppPassword LoginType = "s3cr3t-label"
	LoginTypeOAuth       LoginType = "oauth"
	ResetPassword        LoginType = "reset"
)

// Values that only name a password.
const (
	Password2                = "password"
	FieldPassword            = "Password"
	EnvPassword              = "PASSWORD"
	ColPasswd                = "passwd"
	HashPassword             = "password_hash"
	ParamSSLPassword         = "sslpassword"
	SameNamePassword         = "same-name-password"
	AdminPwd                 = "admin_pwd"
	ERRCODE_INVALID_PASSWORD = "28P01"
	InvalidPassword          = "E1042"
)

const WellKnownPassword = "/.well-known/change-password"

func redact(hasPassword bool) string {
	password := ""
	if hasPassword {
		password = ":xxxxx"
	}
	return password
}

var envKeys = map[string]string{
	"PGPASSWORD":    "password",
	"PGSSLPASSWORD": "sslpassword",
}

func notSet(p string) {
	_ = Config{Password: ""}
	_ = Config{Password: "${DB_PASSWORD}"}
	_ = Config{Password: "<password>"}
	_ = Config{Password: "{{ .Values.password }}"}
	_ = Config{Password: p}
	_ = Config{PasswordHint: "first pet"}
	_ = Config{Password: "password"}
	_ = url.UserPassword("app", p)
	_ = url.UserPassword("app", "")
	os.Setenv("PGHOST", "db.example.com")
	os.Setenv("PGPASSWORD", os.Getenv("VAULT_PG_PASSWORD"))
	password := os.Getenv("PGPASSWORD")
	m := map[string]string{"password_hint": "pet", "user": "app"}
	_, _ = password, m
}

// Suppressed.
const fixturePassword = "not-a-real-secret" //grantguard:ignore hardcoded-password fixture
