// Package livedb reads the access-control state of a running PostgreSQL
// server into a live.State, read-only, with pgx.
//
// The connection comes from a DSN without a password, or from libpq's
// environment (PGHOST, PGPORT, PGUSER, PGDATABASE, PGSSLMODE, ...), with the
// password taken from PGPASSWORD or the password file (~/.pgpass or
// PGPASSFILE). The session runs with application_name=grantguard, a
// statement_timeout and default_transaction_read_only, and reads everything
// in one READ ONLY REPEATABLE READ transaction, so the state is one
// snapshot and nothing the reader sends can change the server.
package livedb

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/grantguard/grantguard/lint/conninfo"
	"github.com/grantguard/grantguard/lint/live"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Options say how to reach the server.
type Options struct {
	// DSN is a libpq connection string or postgres:// URL; empty means
	// the PG* environment variables alone. It must not hold a password.
	DSN string
	// StatementTimeout bounds each query; 0 means DefaultStatementTimeout.
	StatementTimeout time.Duration
	// ConnectTimeout bounds connecting; 0 means the DSN's connect_timeout,
	// else DefaultConnectTimeout.
	ConnectTimeout time.Duration
}

// Default timeouts.
const (
	DefaultStatementTimeout = 30 * time.Second
	DefaultConnectTimeout   = 10 * time.Second
)

// ApplicationName is the application_name the audit connects with, so a
// DBA sees it in pg_stat_activity and the server log.
const ApplicationName = "grantguard"

// ErrPasswordInDSN is returned for a DSN that holds a password.
var ErrPasswordInDSN = errors.New("the connection string holds a password; " +
	"it would be left in shell history and process listings: give it in PGPASSWORD or a password file (~/.pgpass, PGPASSFILE) instead")

// Error is a failure to connect or read. Its message never holds the
// password.
type Error struct {
	Op  string // what failed: "connect", "read roles", ...
	Msg string
}

func (e *Error) Error() string { return e.Op + ": " + e.Msg }

// CheckDSN returns ErrPasswordInDSN when dsn holds a password (URL userinfo,
// password=, sslpassword=), and an error for a DSN that does not parse.
func CheckDSN(dsn string) error {
	if strings.TrimSpace(dsn) == "" {
		return nil
	}
	info, err := conninfo.Parse(dsn)
	if err != nil {
		return fmt.Errorf("invalid connection string: %w", err)
	}
	if info.Password != "" {
		return ErrPasswordInDSN
	}
	for _, p := range info.Params {
		if strings.EqualFold(p.Key, "sslpassword") && p.Value != "" {
			return ErrPasswordInDSN
		}
	}
	return nil
}

// Connect opens the read-only session. The caller closes the connection.
func Connect(ctx context.Context, opts Options) (*pgx.Conn, error) {
	if err := CheckDSN(opts.DSN); err != nil {
		return nil, err
	}
	cfg, err := pgx.ParseConfig(opts.DSN)
	if err != nil {
		return nil, &Error{"connect", scrub(err.Error(), "")}
	}
	password := cfg.Password
	st := opts.StatementTimeout
	if st <= 0 {
		st = DefaultStatementTimeout
	}
	if opts.ConnectTimeout > 0 {
		cfg.ConnectTimeout = opts.ConnectTimeout
	} else if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = DefaultConnectTimeout
	}
	cfg.RuntimeParams["application_name"] = ApplicationName
	cfg.RuntimeParams["statement_timeout"] = fmt.Sprint(st.Milliseconds())
	cfg.RuntimeParams["default_transaction_read_only"] = "on"
	// Timestamps (VALID UNTIL) read the same whatever the server's zone.
	cfg.RuntimeParams["timezone"] = "UTC"
	// No named prepared statements: a pooler in transaction mode
	// (PgBouncer) may hand the next query to another server session.
	cfg.DefaultQueryExecMode = pgx.QueryExecModeExec
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, &Error{"connect", connectMessage(err, cfg, password)}
	}
	return conn, nil
}

// connectMessage says why connecting failed, naming the server but never
// the password.
func connectMessage(err error, cfg *pgx.ConnConfig, password string) string {
	target := fmt.Sprintf("%s@%s:%d/%s", cfg.User, cfg.Host, cfg.Port, cfg.Database)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		msg := pgErr.Message
		switch pgErr.Code {
		case "28P01":
			msg += " (check PGPASSWORD or the password file)"
		case "28000":
			if strings.Contains(pgErr.Message, "no encryption") || strings.Contains(pgErr.Message, "SSL off") {
				msg += " (the server requires TLS: set sslmode=verify-full and the CA in sslrootcert)"
			}
		}
		return scrub(target+": "+msg, password)
	}
	return scrub(target+": "+err.Error(), password)
}

// scrub removes the password from a driver message, in case a message
// quotes the configuration.
func scrub(msg, password string) string {
	if password != "" {
		msg = strings.ReplaceAll(msg, password, live.Redacted)
	}
	return msg
}
