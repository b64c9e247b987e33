package lint

// Kind is a file kind: how a file is read and which checks apply.
type Kind int

// File kinds, by name (see README, File kinds).
const (
	KindUnknown Kind = iota
	KindSQL
	KindHBA
	KindPGConf
	KindConfig
	KindEnv
	KindGo
	KindText
	KindPgBouncer
	KindUserList
)

var kindNames = [...]string{
	KindUnknown: "unknown",
	KindSQL:     "sql",
	KindHBA:     "pg_hba",
	KindPGConf:  "postgresql.conf",
	KindConfig:  "config",
	KindEnv:     "env",
	KindGo:      "go",
	KindText:    "text",
	// PgBouncer's configuration file and its auth_file.
	KindPgBouncer: "pgbouncer.ini",
	KindUserList:  "userlist.txt",
}

// String returns the kind's name as the docs use it.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}
