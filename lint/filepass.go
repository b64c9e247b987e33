package lint

import (
	"github.com/grantguard/grantguard/lint/cfgvalue"
	"github.com/grantguard/grantguard/lint/deploy"
	"github.com/grantguard/grantguard/lint/hba"
	"github.com/grantguard/grantguard/lint/pgbouncer"
	"github.com/grantguard/grantguard/lint/pgconf"
)

// FilePass is handed to a rule's checks for the file kinds other than SQL
// and Go: pg_hba.conf records, postgresql.conf files, pgbouncer.ini files
// and auth_file entries, config values and lines of other text files.
type FilePass struct {
	Reporter
	File   *File
	Config *Config
	// Format names the config syntax for Value checks: "yaml", "json",
	// "toml", "env" or "terraform"; empty for the other kinds.
	Format string
	// Values holds every value of the config file, for checks that look
	// at a value's siblings (the host next to an sslmode key).
	Values []cfgvalue.Value
}

// Report reports a finding for the current rule at file offsets
// [start, end); end < 0 means the end is unknown.
func (p *FilePass) Report(start, end int, format string, args ...any) {
	p.ReportRange(start, end, 0, format, args...)
}

// Line is one line of an "other text" file: a shell script, a Dockerfile,
// application code in a language grantguard does not parse.
type Line struct {
	Number int    // 1-based
	Start  int    // file offset of the line's first byte
	Text   string // without its terminator
}

// The hook types of the non-SQL kinds, named so rule files read well.
type (
	// HBACheck checks one pg_hba.conf record.
	HBACheck func(p *FilePass, r *hba.Record)
	// PGConfCheck checks a whole postgresql.conf file.
	PGConfCheck func(p *FilePass, f *pgconf.File)
	// ValueCheck checks one scalar of a YAML, JSON, TOML, env or Terraform file.
	ValueCheck func(p *FilePass, v *cfgvalue.Value)
	// LineCheck checks one line of an other-text file.
	LineCheck func(p *FilePass, l Line)
	// RoleCheck checks one role a deployment file declares (an operator's
	// managed roles and users).
	RoleCheck func(p *FilePass, r *deploy.Role)
	// PgBouncerCheck checks a whole pgbouncer.ini file.
	PgBouncerCheck func(p *FilePass, f *pgbouncer.File)
	// UserListCheck checks one entry of a PgBouncer auth_file.
	UserListCheck func(p *FilePass, u *pgbouncer.User)
)
