package lint

import (
	"bytes"

	"github.com/grantguard/grantguard/lint/pgbouncer"
)

// checkPgBouncer lints a pgbouncer.ini: a parse-error per line PgBouncer
// would refuse, then the rules' PgBouncer checks on the whole file. A
// pgbouncer.ini that is a Helm or Jinja template has its actions blanked
// first, as config files do, so that they are neither syntax errors nor
// literals.
func checkPgBouncer(f *File, cfg *Config, cat Catalogue, s *sink) {
	src := f.Src
	if hasTemplateActions(src) {
		src = blankTemplateActions(src)
	}
	conf, problems := pgbouncer.Parse(src)
	for _, pr := range problems {
		if bytes.HasPrefix(src[pr.Offset:], []byte(StandInIdent)) {
			continue // a template action where a name goes: {{ $name }} = host=...
		}
		reportProblem(cat, s, pr.Offset, "pgbouncer.ini: %s", pr.Msg)
	}
	runPgBouncerChecks(f, cfg, cat, s, conf)
}

// runPgBouncerChecks runs the rules' PgBouncer checks on a parsed
// pgbouncer.ini whose offsets are offsets into f: the file itself, or INI
// text embedded in it (parsed from a copy of f with everything else
// blanked).
func runPgBouncerChecks(f *File, cfg *Config, cat Catalogue, s *sink, conf *pgbouncer.File) {
	for _, r := range cat {
		if r.PgBouncer != nil {
			r.PgBouncer(&FilePass{Reporter: Reporter{rule: r, sink: s}, File: f, Config: cfg}, conf)
		}
	}
}

// checkUserList lints a PgBouncer auth_file. A file named userlist*.txt
// whose lines are not "user" "password" pairs belongs to something else:
// it gets no finding at all.
func checkUserList(f *File, cfg *Config, cat Catalogue, s *sink) {
	users, ok := pgbouncer.ParseUserList(f.Src)
	if !ok {
		return
	}
	for _, r := range cat {
		if r.UserList == nil {
			continue
		}
		p := &FilePass{Reporter: Reporter{rule: r, sink: s}, File: f, Config: cfg}
		for i := range users {
			r.UserList(p, &users[i])
		}
	}
}
