package cfgvalue

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

var envCases = []valueCase{
	{
		name: "local development .env",
		src: `# Postgres connection for local development
PGHOST=db.internal
PGPASSWORD=s3cr3t!
export DATABASE_URL=postgres://app:s3cr3t@db.internal:5432/app?sslmode=disable  # prod-like
PGSSLMODE = "require"

APP_DB_PASSWORD='lit $HOME \n'
REPLICA_URL="postgres://ro:${RO_PASSWORD}@replica/app"
TMPL_ESC="a\"${B}"
ESCAPED="a\tb \"q\" \$HOME \x"
CA_CERT="-----BEGIN CERTIFICATE-----
MIIB
-----END CERTIFICATE-----"
EMPTY=
HASH=a#b
SPACED=  padded value   
PASSTHROUGH
export=1
DOT.KEY-x=v
	 INDENTED=$USER
`,
		want: []row{
			{"PGHOST", "db.internal", String, "db.internal", true, 2},
			{"PGPASSWORD", "s3cr3t!", String, "s3cr3t!", true, 3},
			{"DATABASE_URL", "postgres://app:s3cr3t@db.internal:5432/app?sslmode=disable", String, "postgres://app:s3cr3t@db.internal:5432/app?sslmode=disable", true, 4},
			{"PGSSLMODE", "require", String, "require", true, 5},
			{"APP_DB_PASSWORD", "lit $HOME \\n", String, "lit $HOME \\n", true, 7},
			{"REPLICA_URL", "postgres://ro:${RO_PASSWORD}@replica/app", String, "postgres://ro:${RO_PASSWORD}@replica/app", true, 8},
			{"TMPL_ESC", "a\\\"${B}", String, "a\\\"${B}", true, 9},
			{"ESCAPED", "a\tb \"q\" $HOME \\x", String, "a\\tb \\\"q\\\" \\$HOME \\x", false, 10},
			{"CA_CERT", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", String, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", true, 11},
			{"EMPTY", "", String, "", true, 14},
			{"HASH", "a#b", String, "a#b", true, 15},
			{"SPACED", "padded value", String, "padded value", true, 16},
			{"export", "1", String, "1", true, 18},
			{"DOT.KEY-x", "v", String, "v", true, 19},
			{"INDENTED", "$USER", String, "$USER", true, 20},
		},
		templates: []string{"REPLICA_URL", "TMPL_ESC", "INDENTED"},
	},
	{
		name: "CRLF and a byte-order mark",
		src:  "\uFEFFPGPASSWORD=s3cr3t\r\nexport DATABASE_URL=\"postgres://u:p@h/db\"   # c\r\nCERT=\"l1\r\nl2\"\r\nLAST='x'",
		want: []row{
			{"PGPASSWORD", "s3cr3t", String, "s3cr3t", true, 1},
			{"DATABASE_URL", "postgres://u:p@h/db", String, "postgres://u:p@h/db", true, 2},
			{"CERT", "l1\nl2", String, "l1\r\nl2", false, 3},
			{"LAST", "x", String, "x", true, 5},
		},
	},
}

func TestParseEnv(t *testing.T) {
	for _, c := range envCases {
		t.Run(c.name, func(t *testing.T) {
			vals, errs := ParseEnv([]byte(c.src))
			if errs != nil {
				t.Fatal(errs)
			}
			checkValues(t, c, vals)
		})
	}
}

// TestParseEnvBadLines checks that each bad line is reported where it goes
// wrong and that the lines around it are still read.
func TestParseEnvBadLines(t *testing.T) {
	src := `A=1
bad line
-x=1
UNT="abc
AFTER=2
TR="x" junk
"QUOTED"=1
B=2
KEY: value
LAST=end
Z value`
	c := valueCase{
		src: src,
		want: []row{
			{"A", "1", String, "1", true, 1},
			{"AFTER", "2", String, "2", true, 5},
			{"B", "2", String, "2", true, 8},
			{"KEY", "value", String, "value", true, 9},
			{"LAST", "end", String, "end", true, 10},
		},
	}
	vals, errs := ParseEnv([]byte(src))
	checkValues(t, c, vals)
	var got []string
	for _, e := range errs {
		checkError(t, []byte(src), e)
		got = append(got, fmt.Sprintf("%d:%d@%d %s", e.Line, e.Col, e.Offset, e.Msg))
	}
	want := []string{
		`2:5@8 unexpected 'l' after bad, expecting '='`,
		`3:1@13 unexpected '-', expecting a variable name`,
		`4:5@22 unterminated quoted value`,
		`6:8@42 unexpected 'j' after closing quote`,
		`7:1@47 unexpected '"', expecting a variable name`,
		`11:3@84 unexpected 'v' after Z, expecting '='`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseEnvUnterminatedAtEnd(t *testing.T) {
	src := "A=1\nB='never closed\nC=3\n"
	vals, errs := ParseEnv([]byte(src))
	if len(errs) != 1 || errs[0].Line != 2 || errs[0].Col != 3 || errs[0].Msg != "unterminated quoted value" {
		t.Errorf("errors %v", errs)
	}
	if len(vals) != 2 || vals[0].Key != "A" || vals[1].Key != "C" || vals[1].Line != 3 {
		t.Errorf("values %+v", vals)
	}
}
