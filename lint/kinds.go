package lint

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/grantguard/grantguard/lint/cfgvalue"
	"github.com/grantguard/grantguard/lint/hba"
	"github.com/grantguard/grantguard/lint/pgconf"
)

// reportProblem reports a parse problem of a non-SQL file as parse-error.
// What does not parse, no rule sees: the file's password-like values and
// connection-string passwords are redacted from the echoed line and the
// message here.
func reportProblem(cat Catalogue, s *sink, off int, format string, args ...any) {
	if !s.textScanned {
		s.textScanned = true
		s.textSecrets = textSecrets(string(s.file.Src))
		s.secrets = append(s.secrets, s.textSecrets...)
	}
	if r := cat.Lookup(ParseErrorID); r != nil {
		rep := Reporter{rule: r, sink: s}
		rep.ReportRange(off, -1, 0, "%s", redactMessage(fmt.Sprintf(format, args...), string(s.file.Src), s.textSecrets))
	}
}

func checkHBA(f *File, cfg *Config, cat Catalogue, s *sink) {
	records, problems := hba.Parse(f.Src)
	for _, pr := range problems {
		reportProblem(cat, s, pr.Offset, "pg_hba.conf: %s", pr.Msg)
	}
	runHBA(f, cfg, cat, s, records)
}

// runHBA runs the pg_hba checks over records.
func runHBA(f *File, cfg *Config, cat Catalogue, s *sink, records []hba.Record) {
	for _, r := range cat {
		if r.HBA == nil {
			continue
		}
		p := &FilePass{Reporter: Reporter{rule: r, sink: s}, File: f, Config: cfg}
		for i := range records {
			r.HBA(p, &records[i])
		}
	}
}

func checkPGConf(f *File, cfg *Config, cat Catalogue, s *sink) {
	conf, problems := pgconf.Parse(f.Src)
	if len(problems) > 0 && otherProgramConf(f.Src) {
		// A file named postgresql.conf for fail2ban, logrotate or
		// supervisor: about PostgreSQL, but not its server configuration.
		s.skip = "skipped: not a PostgreSQL server configuration ([section] headers or { } blocks)"
		return
	}
	for _, pr := range problems {
		reportProblem(cat, s, pr.Offset, "postgresql.conf: %s", pr.Msg)
	}
	runPGConf(f, cfg, cat, s, conf)
}

// runPGConf runs the postgresql.conf checks over conf.
func runPGConf(f *File, cfg *Config, cat Catalogue, s *sink, conf *pgconf.File) {
	for _, r := range cat {
		if r.PGConf == nil {
			continue
		}
		r.PGConf(&FilePass{Reporter: Reporter{rule: r, sink: s}, File: f, Config: cfg}, conf)
	}
}

// configFormat returns the syntax of a config-kind file from its name.
func configFormat(name string) string {
	lower := strings.ToLower(path.Base(name))
	switch path.Ext(lower) {
	case ".yaml", ".yml":
		return "yaml"
	case ".json":
		return "json"
	case ".toml":
		return "toml"
	case ".tf":
		return "terraform"
	}
	return "env"
}

func checkConfig(f *File, cfg *Config, cat Catalogue, s *sink) {
	format := configFormat(f.Path)
	src := f.Src
	templated := format != "env" && format != "terraform" && hasTemplateActions(src)
	if templated {
		src = blankTemplateActions(src)
	}
	var values []cfgvalue.Value
	var err error
	switch format {
	case "yaml":
		values, err = cfgvalue.ParseYAML(src)
	case "json":
		values, err = cfgvalue.ParseJSON(src)
		if err != nil {
			// tsconfig.json, .vscode/settings.json: JSON with comments.
			if v, err2 := cfgvalue.ParseJSON(jsoncToJSON(src)); err2 == nil {
				values, err = v, nil
			}
		}
	case "toml":
		values, err = cfgvalue.ParseTOML(src)
	case "terraform":
		values, err = cfgvalue.ParseHCL(src, f.Path)
	case "env":
		var errs []*cfgvalue.Error
		values, errs = cfgvalue.ParseEnv(src)
		for _, e := range errs {
			reportProblem(cat, s, e.Offset, "env file: %s", e.Msg)
		}
	}
	if err != nil && templated {
		// A Helm or Ansible template need not be valid YAML until it is
		// rendered; that is not a problem in the file.
		s.skip = fmt.Sprintf("skipped: a %s template that does not parse once its {{ }} / {%% %%} actions are blanked", formatName(format))
		return
	}
	if err != nil {
		off, msg := 0, err.Error()
		var e *cfgvalue.Error
		if errors.As(err, &e) {
			off, msg = e.Offset, e.Msg
		}
		if !postgresRelated.Match(f.Src) {
			// A broken link-checker config or a JSON template is not a
			// problem of PostgreSQL access control: a note, not a finding.
			line, _ := f.Lines.Position(off)
			msg = redactMessage(msg, string(f.Src), textSecrets(string(f.Src)))
			s.skip = fmt.Sprintf("skipped: does not parse as %s (line %d: %s); nothing in it concerns PostgreSQL", formatName(format), line, msg)
			return
		}
		reportProblem(cat, s, off, "%s: %s", formatName(format), msg)
		return
	}
	for _, r := range cat {
		if r.Value == nil {
			continue
		}
		p := &FilePass{Reporter: Reporter{rule: r, sink: s}, File: f, Config: cfg, Format: format, Values: values}
		for i := range values {
			r.Value(p, &values[i])
		}
	}
	if format == "yaml" || format == "json" {
		checkDeployment(f, cfg, cat, s, src, values)
	}
}

// postgresRelated finds what makes a config file one grantguard has
// something to say about: PostgreSQL or a database named, a connection
// setting, a password, a network allowlist.
var postgresRelated = regexp.MustCompile(`(?i)postgres|\bpsql\b|\bpg_|\bpgx\b|libpq|sslmode|\b5432\b|passw|\bpwd\b|pgbouncer|patroni|\bdsn\b|database|\bdb_|_db\b|cidr|allowed_ips|allow_?list|white_?list|source_?ranges|authorized_networks`)

func formatName(format string) string {
	switch format {
	case "yaml":
		return "YAML"
	case "json":
		return "JSON"
	case "toml":
		return "TOML"
	case "terraform":
		return "Terraform"
	}
	return format
}

func checkText(f *File, cfg *Config, cat Catalogue, s *sink) {
	var passes []*FilePass
	var checks []LineCheck
	for _, r := range cat {
		if r.Text != nil {
			passes = append(passes, &FilePass{Reporter: Reporter{rule: r, sink: s}, File: f, Config: cfg})
			checks = append(checks, r.Text)
		}
	}
	for n := 1; n <= f.Lines.Lines(); n++ {
		text, start := f.Lines.Line(n)
		if strings.TrimSpace(text) == "" {
			continue
		}
		for i, c := range checks {
			c(passes[i], Line{Number: n, Start: start, Text: text})
		}
	}
}

// otherProgramConf reports whether src has a line PostgreSQL's
// configuration syntax has no place for: an INI [section] header, or a
// line opening or closing a { } block.
func otherProgramConf(src []byte) bool {
	for _, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "#") {
			continue
		}
		if len(t) > 2 && t[0] == '[' && t[len(t)-1] == ']' || strings.HasSuffix(t, "{") || t == "}" {
			return true
		}
	}
	return false
}
