package format

import (
	"testing"

	"github.com/grantguard/grantguard/lint"
)

func TestTextFinding(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    lint.Finding
		want string
	}{{
		"tab-indented source: the caret line copies the tab",
		lint.Finding{Rule: "hardcoded-password", Severity: lint.Error, Path: "db/001 init.sql", Line: 9, Col: 29,
			Message: "literal password", Source: "\tCREATE ROLE app_user LOGIN PASSWORD 'Su***';"},
		"db/001 init.sql:9:29: error hardcoded-password: literal password\n" +
			"    \tCREATE ROLE app_user LOGIN PASSWORD 'Su***';\n" +
			"    \t                           ^\n",
	}, {
		"unknown column: no :col and no caret",
		lint.Finding{Rule: "password-no-expiry", Severity: lint.Note, Path: "x.sql", Line: 4,
			Message: "a:\nb", Source: "ALTER ROLE r VALID UNTIL 'infinity';"},
		"x.sql:4: note password-no-expiry: a: b\n" +
			"    ALTER ROLE r VALID UNTIL 'infinity';\n",
	}, {
		"no source line",
		lint.Finding{Rule: "grant-all", Severity: lint.Warning, Path: "x.sql", Line: 1, Col: 1, Message: "m"},
		"x.sql:1:1: warning grant-all: m\n",
	}, {
		"no line at all",
		lint.Finding{Rule: "parse-error", Severity: lint.Error, Path: "x.sql", Message: "m"},
		"x.sql: error parse-error: m\n",
	}, {
		"characters are counted as runes, not bytes",
		lint.Finding{Rule: "grant-all", Severity: lint.Error, Path: "x.sql", Line: 1, Col: 7,
			Message: "m", Source: "-- ünïGRANT"},
		"x.sql:1:7: error grant-all: m\n" +
			"    -- ünïGRANT\n" +
			"          ^\n",
	}, {
		"control characters cannot reach the terminal",
		lint.Finding{Rule: "grant-all", Severity: lint.Error, Path: "x.sql", Line: 1, Col: 3,
			Message: "bad \x1b[2Jname", Source: "a\x1b[31mb\u202e\r"},
		"x.sql:1:3: error grant-all: bad \uFFFD[2Jname\n" +
			"    a\uFFFD[31mb\uFFFD\n" +
			"      ^\n",
	}, {
		"column past the end of the line",
		lint.Finding{Rule: "grant-all", Severity: lint.Error, Path: "x.sql", Line: 1, Col: 10, Message: "m", Source: "abc"},
		"x.sql:1:10: error grant-all: m\n    abc\n       ^\n",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, Text, nil, []lint.Finding{tc.f}, Info{})
			want := tc.want + "\n1 finding (1 " + tc.f.Severity.String() + ")\n"
			if got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestTextSummary(t *testing.T) {
	f := func(s lint.Severity) lint.Finding { return lint.Finding{Severity: s} }
	for _, tc := range []struct {
		fs   []lint.Finding
		want string
	}{
		{[]lint.Finding{f(lint.Note)}, "1 finding (1 note)"},
		{[]lint.Finding{f(lint.Warning), f(lint.Error), f(lint.Warning)}, "3 findings (1 error, 2 warnings)"},
		{[]lint.Finding{f(lint.Note), f(lint.Error), f(lint.Note), f(lint.Warning)}, "4 findings (1 error, 1 warning, 2 notes)"},
	} {
		var c severityCounts
		for _, f := range tc.fs {
			c.add(f.Severity)
		}
		if got := c.summary(); got != tc.want {
			t.Errorf("summary = %q, want %q", got, tc.want)
		}
	}
}
