package lint

import (
	"bytes"
	"strings"

	"github.com/grantguard/grantguard/lint/cfgvalue"
	"github.com/grantguard/grantguard/lint/conninfo"
	"github.com/grantguard/grantguard/lint/deploy"
	"github.com/grantguard/grantguard/lint/hba"
	"github.com/grantguard/grantguard/lint/pgbouncer"
	"github.com/grantguard/grantguard/lint/pgconf"
)

// checkDeployment runs the pg_hba, postgresql.conf and role checks over
// what a config file declares about a PostgreSQL server (package deploy):
// the pg_hba entries and parameters of operator resources, Patroni
// configuration and chart values, and the roles operators create. src is
// the text the values were parsed from (template actions blanked), so
// every offset is a file offset.
func checkDeployment(f *File, cfg *Config, cat Catalogue, s *sink, src []byte, values []cfgvalue.Value) {
	found := deploy.Find(values)
	if found.Empty() {
		return
	}
	for _, g := range hbaGroups(found.HBA) {
		checkEmbeddedHBA(f, cfg, cat, s, src, g)
	}
	for _, t := range found.Conf {
		checkEmbeddedConf(f, cfg, cat, s, src, t)
	}
	for _, t := range found.PgBouncer {
		buf := embeddedSource(src, []deploy.Text{t})
		conf, problems := pgbouncer.Parse(buf)
		for _, pr := range problems {
			if !templatedLine(buf, pr.Offset) {
				reportProblem(cat, s, pr.Offset, "pgbouncer.ini text (%s): %s", t.Where, pr.Msg)
			}
		}
		runPgBouncerChecks(f, cfg, cat, s, conf)
	}
	for _, ps := range found.Params {
		conf := &pgconf.File{Fragment: true}
		for _, v := range ps.Values {
			if v.Template || v.Kind == cfgvalue.Null || conninfo.IsTemplate(v.Text) {
				continue
			}
			conf.Settings = append(conf.Settings, pgconf.Setting{
				Name: strings.ToLower(v.Key), Value: v.Text, Quoted: v.Kind == cfgvalue.String, Line: v.Line,
				NameSpan: pgconf.Span{Start: v.KeyStart, End: v.KeyEnd}, ValueSpan: pgconf.Span{Start: v.Start, End: v.End},
			})
		}
		if len(conf.Settings) > 0 {
			runPGConf(f, cfg, cat, s, conf)
		}
	}
	for i := range found.Roles {
		for _, r := range cat {
			if r.Role != nil {
				r.Role(&FilePass{Reporter: Reporter{rule: r, sink: s}, File: f, Config: cfg}, &found.Roles[i])
			}
		}
	}
}

// hbaGroups puts the pg_hba values of one setting that lie on lines of
// their own into one group, parsed as one text; entries that share a line
// (a flow sequence) go to groups of their own.
func hbaGroups(texts []deploy.Text) [][]deploy.Text {
	var groups [][]deploy.Text
	lastLine := -1
	for _, t := range texts {
		n := len(groups)
		if n > 0 && groups[n-1][0].Where == t.Where && t.Value.Line > lastLine {
			groups[n-1] = append(groups[n-1], t)
		} else {
			groups = append(groups, []deploy.Text{t})
		}
		lastLine = t.Value.Line + strings.Count(t.Value.Text, "\n")
	}
	return groups
}

// embeddedSource returns src with every byte outside the values' spans
// blanked (line breaks kept), so that a line parser given it reports file
// offsets and lines.
func embeddedSource(src []byte, texts []deploy.Text) []byte {
	out := bytes.Repeat([]byte{' '}, len(src))
	for i, c := range src {
		if c == '\n' {
			out[i] = '\n'
		}
	}
	for _, t := range texts {
		copy(out[t.Value.Start:t.Value.End], src[t.Value.Start:t.Value.End])
	}
	return out
}

func checkEmbeddedHBA(f *File, cfg *Config, cat Catalogue, s *sink, src []byte, texts []deploy.Text) {
	buf := embeddedSource(src, texts)
	records, problems := hba.Parse(buf)
	for _, pr := range problems {
		if !templatedLine(buf, pr.Offset) {
			reportProblem(cat, s, pr.Offset, "pg_hba entry (%s): %s", texts[0].Where, pr.Msg)
		}
	}
	runHBA(f, cfg, cat, s, records)
}

func checkEmbeddedConf(f *File, cfg *Config, cat Catalogue, s *sink, src []byte, t deploy.Text) {
	buf := embeddedSource(src, []deploy.Text{t})
	if otherProgramConf(buf) {
		return // an INI or a { } block: another program's configuration
	}
	conf, problems := pgconf.Parse(buf)
	for _, pr := range problems {
		if !templatedLine(buf, pr.Offset) {
			reportProblem(cat, s, pr.Offset, "postgresql.conf text (%s): %s", t.Where, pr.Msg)
		}
	}
	conf.Fragment = true
	runPGConf(f, cfg, cat, s, conf)
}

// templatedLine reports whether the line holding offset off has a
// template in it (a stand-in for a blanked {{ }} action, "${...}"), which
// the server never sees as written.
func templatedLine(src []byte, off int) bool {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	end := len(src)
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		end = off + i
	}
	return conninfo.IsTemplate(string(src[start:end])) || bytes.Contains(src[start:end], []byte(StandInIdent))
}
