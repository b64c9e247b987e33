package lint

import (
	"context"
	"fmt"
	"testing"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// testCatalogue is a small catalogue for engine tests that do not need the
// real rules: one rule reporting every GRANT at its ALL or its first token.
func testCatalogue() Catalogue {
	grant := &Rule{Meta: Meta{ID: "test-grant", Severity: Warning, Title: "t"}}
	grant.SQL = func(p *SQLPass, s *Stmt) {
		if g := s.Node.GetGrantStmt(); g != nil && g.IsGrant {
			p.Report(s, s.Keyword(s.Start(), "ALL"), "grant on line")
		}
		if c := s.Node.GetCreateRoleStmt(); c != nil {
			for _, o := range c.Options {
				if d := o.GetDefElem(); d != nil && d.Defname == "password" {
					if lit, ok := s.Literal(d.Location); ok {
						p.Secret(s, lit, 0, len(lit.Value))
					}
				}
			}
			p.Report(s, -1, "role")
		}
	}
	return Catalogue{grant,
		{Meta: Meta{ID: ParseErrorID, Severity: Error, Title: "p"}},
		{Meta: Meta{ID: UnusedIgnoreID, Severity: Note, Title: "u"}},
	}
}

var _ = pg_query.Token_SCONST

func runOn(t *testing.T, files map[string]string, opts Options) *Result {
	t.Helper()
	dir := writeTree(t, files)
	opts.WorkDir = dir
	if opts.Catalogue == nil {
		opts.Catalogue = testCatalogue()
	}
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func summary(res *Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, fmt.Sprintf("%s:%d:%d %s %s: %s | %s", f.Path, f.Line, f.Col, f.Severity, f.Rule, f.Message, f.Source))
	}
	for _, s := range res.Skipped {
		out = append(out, "skip "+s.Path+": "+s.Reason)
	}
	return out
}

func TestCheckSQLText(t *testing.T) {
	fs, secrets := CheckSQLText("CREATE ROLE a PASSWORD 'abcdefghij'; GRANT ALL ON t TO x; SELEC", nil, testCatalogue(), false)
	if len(fs) != 2 || fs[0].Rule != "test-grant" || fs[0].Start != 0 || fs[1].Start != 43 {
		t.Errorf("findings %+v", fs)
	}
	if len(secrets) != 1 || secrets[0] != (Span{24, 34}) {
		t.Errorf("secrets %+v", secrets)
	}
	fs, _ = CheckSQLText("SELEC 1", nil, testCatalogue(), true)
	if len(fs) != 1 || fs[0].Rule != ParseErrorID {
		t.Errorf("parse errors %+v", fs)
	}
}
