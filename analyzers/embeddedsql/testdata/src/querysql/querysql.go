package querysql

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

const grantAll = "GRANT ALL ON TABLE orders TO app" // want `grant-all: GRANT ALL on TABLE orders to app`

const migration = "CREATE TABLE t (id int); " +
	"GRANT SELECT ON t TO PUBLIC" // want `grant-to-public`

// Must fire.
func exec(ctx context.Context, db *sql.DB, conn *pgx.Conn, pool *pgxpool.Pool, tx pgx.Tx, x *sqlx.DB, stmt *sql.Tx) {
	db.Exec("GRANT ALL ON TABLE accounts TO app")                       // want `grant-all: GRANT ALL on TABLE accounts`
	db.ExecContext(ctx, "ALTER ROLE app SUPERUSER")                     // want `superuser-grant`
	conn.Exec(ctx, "CREATE ROLE app LOGIN PASSWORD 'Summer2024!'")      // want `hardcoded-password: CREATE ROLE app sets a literal password \(Su\*\*\*\)`
	pool.Exec(ctx, grantAll)
	pool.Exec(ctx, migration)
	tx.Exec(ctx, `GRANT SELECT ON accounts TO PUBLIC`)                  // want `grant-to-public`
	x.MustExec("GRANT app_admin TO bob WITH ADMIN OPTION")              // want `grant-option`
	_ = x.Get(nil, "SELECT dblink_connect('host=db.example.com user=a sslmode=disable')") // want `insecure-sslmode`
	conn.Prepare(ctx, "grant", "GRANT ALL ON t TO u")                   // want `grant-all`
	stmt.QueryContext(ctx, "ALTER ROLE app BYPASSRLS")                  // want `privileged-role-attribute`
	db.Exec("CREATE ROLE r LOGIN PASSWORD 'it''s-a-secret'")            // want `hardcoded-password: .*\(it\*\*\*\)`
}

// DBTX is the interface sqlc generates.
type DBTX interface {
	Exec(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func generatedShape(ctx context.Context, q DBTX) {
	q.Exec(ctx, "GRANT ALL ON t TO u") // want `grant-all`
}

// Must not fire.
type runner struct{}

func (runner) Exec(cmd string) error { return nil }

type shell interface{ Exec(cmd string) error }

func lookalikes(ctx context.Context, r runner, s shell, db *sql.DB, table string) {
	r.Exec("GRANT ALL ON t TO u")
	s.Exec("GRANT ALL ON t TO u")
	db.Exec("GRANT SELECT ON accounts TO app_readonly")
	db.Exec(fmt.Sprintf("GRANT ALL ON %s TO app", table))
	db.QueryRow("SELECT 1")
	db.Exec("REVOKE ALL ON accounts FROM PUBLIC")
	db.Exec("CREATE ROLE app LOGIN PASSWORD $1")
}

// Suppressed.
func suppressed(db *sql.DB) {
	//grantguard:ignore grant-all bootstrap of the admin role
	db.Exec("GRANT ALL ON SCHEMA app TO app_admin")
}
