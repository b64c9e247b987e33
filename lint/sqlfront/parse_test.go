package sqlfront

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// stmtTypes lists each statement's node type and the file line it starts on.
func stmtTypes(src string) []string {
	p := Parse(string(Preprocess([]byte(src))))
	li := lineIndex(src)
	var out []string
	for _, s := range p.Stmts {
		line, col := li.Position(s.toFile(s.start))
		name := fmt.Sprintf("%T", s.Node.Node)
		name = strings.TrimPrefix(name, "*pg_query.Node_")
		out = append(out, fmt.Sprintf("%d:%d %s d%d", line, col, name, s.Depth))
	}
	for _, pr := range p.Problems {
		line, col := li.Position(pr.Offset)
		out = append(out, fmt.Sprintf("%d:%d error %s", line, col, pr.Msg))
	}
	return out
}

func TestParseSQL(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"two statements", "SELECT 1;\n  GRANT SELECT ON t TO r;", []string{"1:1 SelectStmt d0", "2:3 GrantStmt d0"}},
		{"leading comment", "-- hello\n/* x */ GRANT SELECT ON t TO r;", []string{"2:9 GrantStmt d0"}},
		{"one error per statement", "SELECT 1;\nSELEC 2;\nGRANT SELECT ON t TO r;\nCREATE TABEL x();\n",
			[]string{"1:1 SelectStmt d0", "3:1 GrantStmt d0", "2:1 error syntax error at or near \"SELEC\"", "4:8 error syntax error at or near \"TABEL\""}},
		{"unterminated quote", "SELECT 1;\nSELECT 'oops;\n", []string{"1:1 SelectStmt d0", "2:8 error unterminated quoted string at or near \"'oops;\n\""}},
		{"goose block without semicolon", "-- +goose StatementBegin\nCREATE TABLE a (id int)\n-- +goose StatementEnd\nCREATE TABLE b (id int);",
			[]string{"2:1 CreateStmt d0", "4:1 CreateStmt d0"}},
		{"do block", "DO $$\nBEGIN\n  CREATE ROLE a;\n  EXECUTE 'GRANT x TO y';\nEND $$;",
			[]string{"1:1 DoStmt d0", "3:3 CreateRoleStmt d1", "4:11 SelectStmt d1", "4:12 GrantRoleStmt d2"}},
		{"plpgsql function", "CREATE FUNCTION f() RETURNS SETOF int LANGUAGE plpgsql AS $f$\nBEGIN\n  RETURN QUERY SELECT 1;\n  PERFORM dblink_connect('x');\nEND $f$;",
			[]string{"1:1 CreateFunctionStmt d0", "3:16 SelectStmt d1", "4:11 SelectStmt d1"}},
		{"sql function", "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS 'GRANT SELECT ON t TO r; SELECT ''a''';",
			[]string{"1:1 CreateFunctionStmt d0", "1:51 GrantStmt d1", "1:75 SelectStmt d1"}},
		{"sql function body error", "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ SELEC 1 $$;",
			[]string{"1:1 CreateFunctionStmt d0", "1:53 error syntax error at or near \"SELEC\""}},
		{"begin atomic", "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\nSELECT 3;",
			[]string{"1:1 CreateFunctionStmt d0", "1:1 SelectStmt d1", "1:1 SelectStmt d1", "2:1 SelectStmt d0"}},
		{"begin atomic split", "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\nSELEC 3;",
			[]string{"1:1 CreateFunctionStmt d0", "1:1 SelectStmt d1", "1:1 SelectStmt d1", "2:1 error syntax error at or near \"SELEC\""}},
		{"plpgsql fallback", "CREATE FUNCTION g(integer) RETURNS SETOF int LANGUAGE plpgsql AS $$\nDECLARE a ALIAS FOR $1;\nBEGIN\n  IF a > 0 THEN GRANT x TO y; END IF;\n  PERFORM 1;\n  EXECUTE 'CREATE ROLE z';\nEND $$;",
			[]string{"1:1 CreateFunctionStmt d0", "4:17 GrantRoleStmt d1", "5:3 SelectStmt d1", "6:3 SelectStmt d1", "6:12 CreateRoleStmt d2"}},
		{"empty", "", nil},
		{"only comments", "-- nothing\n/* here */", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := stmtTypes(tt.src)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDecodeLiteral(t *testing.T) {
	tests := []struct {
		raw, val string
		at3      int
	}{
		{"'abc'", "abc", 4},
		{"'a''b'", "a'b", 5},
		{"E'a\\nb'", "a\nb", 6},
		{"$x$hi$x$", "hi", 5},
		{"$$a$b$$", "a$b", 5},
	}
	for _, tt := range tests {
		lit, ok := DecodeLiteral(tt.raw, 0)
		if !ok || lit.Value != tt.val {
			t.Errorf("DecodeLiteral(%q) = %q, %v; want %q", tt.raw, lit.Value, ok, tt.val)
			continue
		}
		if got := lit.At(3); got != tt.at3 {
			t.Errorf("DecodeLiteral(%q).At(3) = %d, want %d", tt.raw, got, tt.at3)
		}
	}
	for _, bad := range []string{"", "'", "x'a'", "U&'a'", "$a$b$c$"} {
		if _, ok := DecodeLiteral(bad, 0); ok {
			t.Errorf("DecodeLiteral(%q) accepted", bad)
		}
	}
}

// FuzzSQLFrontEnd runs the whole SQL front end — preprocess, parse, split,
// bodies — and checks that it never panics and that every statement and
// problem maps to an offset inside the file.
func FuzzSQLFrontEnd(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "rules", "testdata", "*", "*.sql"))
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("DO $$ BEGIN EXECUTE 'DO $b$ BEGIN EXECUTE ''CREATE ROLE x''; END $b$'; END $$;"))
	f.Add([]byte("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; END;"))
	f.Fuzz(func(t *testing.T, src []byte) {
		pre := checkPreprocessInvariants(t, src)
		p := Parse(string(pre))
		for _, s := range p.Stmts {
			if off := s.toFile(s.start); off < 0 || off > len(src) {
				t.Fatalf("statement maps to offset %d outside [0,%d]", off, len(src))
			}
			for _, tok := range s.Tokens() {
				if off := s.toFile(int(tok.Start)); off < 0 || off > len(src) {
					t.Fatalf("token maps to offset %d outside [0,%d]", off, len(src))
				}
			}
		}
		for _, pr := range p.Problems {
			if pr.Offset < 0 || pr.Offset > len(src) {
				t.Fatalf("problem at %d outside [0,%d]", pr.Offset, len(src))
			}
		}
	})
}

// lineIndex returns a position function for src: 1-based line and column
// (in bytes) of a byte offset.
type positions string

func lineIndex(src string) positions { return positions(src) }

func (p positions) Position(off int) (line, col int) {
	before := string(p)[:off]
	line = strings.Count(before, "\n") + 1
	return line, off - strings.LastIndexByte(before, '\n')
}
