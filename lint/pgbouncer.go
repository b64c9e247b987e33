package lint

import "github.com/grantguard/grantguard/lint/pgbouncer"

// checkPgBouncer lints a pgbouncer.ini: a parse-error per line PgBouncer
// would refuse, then the rules' PgBouncer checks on the whole file.
func checkPgBouncer(f *File, cfg *Config, cat Catalogue, s *sink) {
	conf, problems := pgbouncer.Parse(f.Src)
	for _, pr := range problems {
		reportProblem(cat, s, pr.Offset, "pgbouncer.ini: %s", pr.Msg)
	}
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
