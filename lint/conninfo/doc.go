// Package conninfo parses PostgreSQL connection strings and finds them in
// free text. Every file kind grantguard reads uses it, so that a password or
// an sslmode means the same thing in a migration, a YAML file, a shell
// script and a Go string. It never panics, and every span it returns is a
// byte offset into the input, so callers can point at a value and redact
// it.
//
// # Forms
//
// KeyValue is libpq's keyword/value string, as given to PQconnectdb, psql,
// dblink and postgres_fdw:
//
//	host=db.internal port=5432 dbname=app user=app password='it\'s' sslmode=verify-full
//
// White space around "=" is allowed; a value in single quotes may contain
// white space, with "\" escaping the next byte (also outside quotes);
// "host" and "hostaddr" take comma-separated lists; the last setting of a
// keyword wins.
//
// URL is libpq's connection URI (also read by pgx, lib/pq, psycopg,
// node-postgres and SQLAlchemy, whose postgresql+driver:// is accepted):
//
//	postgresql://user:secret@h1:5432,[::1]:5433/app?sslmode=require
//	postgresql://%2Fvar%2Frun%2Fpostgresql/app
//	postgres:///app?host=/tmp
//
// User, password, hosts, database and query values are percent-decoded; a
// "%" without two hex digits after it is kept as written. Query parameters
// override the parts before them (?host= replaces the hosts). The userinfo
// ends at the last "@" before the path, so an unescaped "@" in a password
// does not leak half of it.
//
// JDBC is pgjdbc's URL:
//
//	jdbc:postgresql://db:5432/app?user=app&password=secret&ssl=true
//	jdbc:postgresql:app          (host localhost, pgjdbc's default)
//
// # sslmode, aliases and defaults
//
// Info.SSLMode is the sslmode the string sets, after the aliases each
// client applies:
//
//   - libpq (KeyValue and URL): the deprecated requiressl is stored as
//     sslmode, "1..." as require and anything else as prefer; the last of
//     requiressl and sslmode wins. In a URL, libpq rewrites exactly
//     ssl=true to sslmode=require. sslrootcert=system without an sslmode
//     means verify-full (libpq 16 and later).
//   - pgjdbc (JDBC): sslmode wins wherever it is. Without it, ssl=true
//     (any case) or a bare "ssl" means verify-full — pgjdbc validates the
//     certificate and host name since 42.2.5, unlike libpq — and any other
//     ssl value (ssl=false) means prefer. A
//     sslfactory=org.postgresql.ssl.NonValidatingFactory accepts any
//     certificate, so it turns verify-ca and verify-full into require.
//
// When a string sets no sslmode the client's default applies: "prefer" in
// libpq, pgx and pgjdbc, "require" in lib/pq (see DefaultSSLModeNote). Weak
// tells which modes do not verify the server. A template written where
// further parameters go — a bare token among key=value pairs
// ("host=%s dbname=%s %s"), a query parameter without "=" ("?%s") — may
// bring an sslmode with it: a string that sets none otherwise has that
// template as its SSLMode, which is neither weak nor missing.
//
// # Passwords and templates
//
// A password counts as hardcoded (Info.HasPassword) only when it is a
// non-empty literal: IsTemplate recognises ${VAR}, {{ .Var }}, <%= %>,
// $VAR, %s, "<password>" placeholders, "***" masks and the stand-ins the SQL
// preprocess writes for psql variables, and NamesPassword recognises values
// that only name a password ("password", "PASSWORD", "password_hash").
// Info.SecretSpans lists every literal secret in the string for redaction.
//
// # Hosts set at run time
//
// A host that is nothing but a template connects wherever the template
// leads — possibly a local socket. Info.HostSetAtRunTime tells strings
// that are not exempt only because of such hosts, and Info.HostList names
// hosts for messages without showing a raw "%s".
package conninfo
