package embeddedsql

import "database/sql"

func f(db *sql.DB) {
	db.Exec("GRANT ALL ON accounts TO app") // want `grant-all`
}
