package sqlfront

import (
	"bytes"
	"strings"
	"testing"
)

func TestPreprocessSQL(t *testing.T) {
	const sub = "\x1a"
	tests := []struct {
		name, in, want string
	}{
		{"plain", "GRANT SELECT ON t TO r;", "GRANT SELECT ON t TO r;"},
		{"meta lines", "\\set x 1\n\\connect db\nSELECT 1;\n", "        \n           \nSELECT 1;\n"},
		{"gset ends statement", "SELECT 1 AS n \\gset\nSELECT 2;", "SELECT 1 AS n ;    \nSELECT 2;"},
		{"gexec", "SELECT 'x' \\gexec\n", "SELECT 'x' ;     \n"},
		{"copy data", "COPY t FROM stdin;\n1\t'x\n\\.\nSELECT 1;", "COPY t FROM stdin;\n    \n  \nSELECT 1;"},
		{"copy with comment", "COPY t (a) -- data\nFROM STDIN WITH (FORMAT csv);\na,b\n\\.\n", "COPY t (a) -- data\nFROM STDIN WITH (FORMAT csv);\n   \n  \n"},
		{"psql copy", "\\copy t from stdin\n1\n\\.\n", "                  \n \n  \n"},
		{"bom", "\uFEFFSELECT 1;", "   SELECT 1;"},
		{"quoted var", "CREATE ROLE a PASSWORD :'pw';", "CREATE ROLE a PASSWORD '" + sub + sub + sub + "';"},
		{"ident var", `GRANT r TO :"user";`, `GRANT r TO "` + strings.Repeat(sub, 5) + `";`},
		{"raw var", "GRANT r TO :who;", "GRANT r TO ƍ__;"},
		{"raw var after password", "ALTER ROLE a PASSWORD :pw;", "ALTER ROLE a PASSWORD '" + sub + "';"},
		{"cast is not a var", "SELECT x::int, a[1:n];", "SELECT x::int, a[1:n];"},
		{"var not in string", "SELECT ':x', \":y\";", "SELECT ':x', \":y\";"},
		{"var not in comment", "-- :x\nSELECT 1; /* :y */", "-- :x\nSELECT 1; /* :y */"},
		{"template in code", "GRANT SELECT ON ${schema}.t TO r;", "GRANT SELECT ON ƍ_______.t TO r;"},
		{"template in string", "CREATE ROLE a PASSWORD '${pw}';", "CREATE ROLE a PASSWORD '" + strings.Repeat(sub, 5) + "';"},
		{"go template", "GRANT r TO {{ .Role }};", "GRANT r TO ƍ_________;"},
		{"extschema", "CREATE FUNCTION @extschema@.f() RETURNS int LANGUAGE sql AS 'SELECT 1';", "CREATE FUNCTION ƍ_________.f() RETURNS int LANGUAGE sql AS 'SELECT 1';"},
		{"template in dollar body", "DO $$ BEGIN EXECUTE 'x ${a}'; CREATE ROLE ${b}; END $$;", "DO $$ BEGIN EXECUTE 'x " + strings.Repeat(sub, 4) + "'; CREATE ROLE ƍ__; END $$;"},
		{"goose markers", "-- +goose Up\n-- +goose StatementBegin\nSELECT 1\n-- +goose StatementEnd\n", ";           \n;                       \nSELECT 1\n;                     \n"},
		{"goose case", "-- +GOOSE UP\nSELECT 1;", ";           \nSELECT 1;"},
		{"cpp directives", "#include \"udfs/f.sql\"\n#ifdef X\nSELECT 1;\n#endif\n", "                     \n        \nSELECT 1;\n      \n"},
		{"hash inside a statement kept", "SELECT 1\n#include\n;", "SELECT 1\n#include\n;"},
		{"var as statement text", ":PREFIX SELECT 1;\nSELECT :v;", "        SELECT 1;\nSELECT ƍ;"},
		{"dbmate", "-- migrate:up\nSELECT 1\n-- migrate:down\n", ";            \nSELECT 1\n;              \n"},
		{"liquibase", "--liquibase formatted sql\n--changeset alice:1\nSELECT 1\n", "--liquibase formatted sql\n;                  \nSELECT 1\n"},
		{"marker in dollar body kept", "DO $$\n-- +goose Up\n$$;", "DO $$\n-- +goose Up\n$$;"},
		{"escape string", `SELECT E'it\'s :x';`, `SELECT E'it\'s :x';`},
		{"crlf meta", "\\set a 1\r\nSELECT 1;\r\n", "         \nSELECT 1;\r\n"},
		{"nested comment", "/* a /* b */ :x */ SELECT :'y';", "/* a /* b */ :x */ SELECT '" + sub + sub + "';"},
		{"assignment", "DO $$ BEGIN x := 1; END $$;", "DO $$ BEGIN x := 1; END $$;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(Preprocess([]byte(tt.in)))
			if got != tt.want {
				t.Errorf("Preprocess(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// checkPreprocessInvariants is what every input must satisfy: same length,
// newlines where they were, valid UTF-8 in, valid UTF-8 out.
func checkPreprocessInvariants(t *testing.T, in []byte) []byte {
	out := Preprocess(in)
	if len(out) != len(in) {
		t.Fatalf("length changed: %d → %d", len(in), len(out))
	}
	for i := range in {
		if (in[i] == '\n') != (out[i] == '\n') {
			t.Fatalf("newline moved at %d", i)
		}
	}
	return out
}

func FuzzPreprocessSQL(f *testing.F) {
	for _, s := range []string{
		"SELECT 1;", "\\set x 1\nSELECT :'x';", "COPY t FROM stdin;\n1\n\\.\n", "DO $$ ${a} $$;",
		"-- +goose StatementBegin\nSELECT 1\n-- +goose StatementEnd", "E'\\'':x", "$a$ $b$ $a$", "{{ x }} @extschema@",
		"/* /* */ :x", "'${x", ":", "$", "\uFEFF",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out := checkPreprocessInvariants(t, in)
		if bytes.Equal(in, out) {
			return
		}
	})
}
