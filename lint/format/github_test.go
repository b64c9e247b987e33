package format

import (
	"testing"

	"github.com/grantguard/grantguard/lint"
)

func TestGitHubEscaping(t *testing.T) {
	for in, want := range map[string]string{
		"plain message":              "plain message",
		"100% sure":                  "100%25 sure",
		"line one\nline two":         "line one%0Aline two",
		"crlf\r\nend":                "crlf%0D%0Aend",
		"role app: a, b":             "role app: a, b",
		"::error::not a command %0A": "::error::not a command %250A",
	} {
		if got := escapeData(in); got != want {
			t.Errorf("escapeData(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"db/001 init.sql":   "db/001 init.sql",
		"db/a,b:c.sql":      "db/a%2Cb%3Ac.sql",
		"50%,\nx":           "50%25%2C%0Ax",
		"title=x,line=9::y": "title=x%2Cline=9%3A%3Ay",
	} {
		if got := escapeProperty(in); got != want {
			t.Errorf("escapeProperty(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGitHubCommand(t *testing.T) {
	for _, tc := range []struct {
		f    lint.Finding
		want string
	}{{
		lint.Finding{Rule: "password-no-expiry", Severity: lint.Note, Path: "db/002 roles.sql", Line: 4,
			Message: "role reporting: password never expires,\nVALID UNTIL 'infinity'"},
		"::notice file=db/002 roles.sql,line=4,title=password-no-expiry::role reporting: password never expires,%0AVALID UNTIL 'infinity'",
	}, {
		lint.Finding{Rule: "broad-cidr", Severity: lint.Warning, Path: "a,b:c/pg_hba.conf", Line: 12, Col: 23, EndLine: 12, EndCol: 36,
			Message: "100% open"},
		"::warning file=a%2Cb%3Ac/pg_hba.conf,line=12,col=23,endLine=12,endColumn=36,title=broad-cidr::100%25 open",
	}, {
		// Columns on a multi-line range are dropped by the runner; leave them out.
		lint.Finding{Rule: "grant-all", Severity: lint.Error, Path: "x.sql", Line: 3, Col: 1, EndLine: 4, EndCol: 15, Message: "m"},
		"::error file=x.sql,line=3,endLine=4,title=grant-all::m",
	}, {
		// A column without an end column; an end column without a start is meaningless.
		lint.Finding{Rule: "grant-all", Severity: lint.Error, Path: "x.sql", Line: 3, Col: 7, Message: "m"},
		"::error file=x.sql,line=3,col=7,title=grant-all::m",
	}, {
		// A file-level finding has no line.
		lint.Finding{Rule: "parse-error", Severity: lint.Error, Path: "x.sql", Message: "m"},
		"::error file=x.sql,title=parse-error::m",
	}} {
		if got := githubCommand(tc.f); got != tc.want {
			t.Errorf("githubCommand:\n got %s\nwant %s", got, tc.want)
		}
	}
}
