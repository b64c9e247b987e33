package sqlfront

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/pganalyze/pg_query_go/v5/parser"
	"google.golang.org/protobuf/proto"

	"github.com/grantguard/grantguard/internal/benchgen/corpus"
	"github.com/grantguard/grantguard/lint/conninfo"
)

// sqlCorpora returns every SQL file of the repository's test corpora and of
// the generated benchmark corpus, by name.
func sqlCorpora(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	roots := []string{"../../rules/testdata", "../../testdata/e2e", "../../examples", "../testdata", "testdata/bodies"}
	// More SQL trees to compare the front ends on, such as a checkout of
	// public repositories: GRANTGUARD_SQL_CORPUS=dir1:dir2.
	if extra := os.Getenv("GRANTGUARD_SQL_CORPUS"); extra != "" {
		roots = append(roots, filepath.SplitList(extra)...)
	}
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(p, ".sql") {
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				out[p] = b
			}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	g := corpus.New(1)
	for i := range 400 {
		name, body := g.File(i, true)
		out["benchgen/"+name] = []byte(body)
	}
	return out
}

// interesting reports whether a SQL rule can act on a parse tree: a node
// type a rule switches on, a dblink/set_config call, or a string constant
// holding "=" or "://". mayMatter must select every statement for which
// this holds.
func interesting(s *Stmt) string {
	why := ""
	s.Inspect(func(m proto.Message) bool {
		switch n := m.(type) {
		case *pg_query.CreateRoleStmt, *pg_query.AlterRoleStmt, *pg_query.AlterRoleSetStmt,
			*pg_query.GrantStmt, *pg_query.GrantRoleStmt, *pg_query.AlterDefaultPrivilegesStmt,
			*pg_query.AlterSystemStmt, *pg_query.VariableSetStmt, *pg_query.AlterDatabaseSetStmt,
			*pg_query.CreateFunctionStmt, *pg_query.AlterFunctionStmt, *pg_query.DoStmt,
			*pg_query.CreateForeignServerStmt, *pg_query.AlterForeignServerStmt,
			*pg_query.CreateUserMappingStmt, *pg_query.AlterUserMappingStmt:
			why = string(m.ProtoReflect().Descriptor().Name())
		case *pg_query.FuncCall:
			if len(n.Funcname) > 0 {
				name := strings.ToLower(n.Funcname[len(n.Funcname)-1].GetString_().GetSval())
				if strings.HasPrefix(name, "dblink") || name == "set_config" {
					why = "call of " + name
				}
			}
		case *pg_query.A_Const:
			// What rules/sqlconn.go looks for in a string constant.
			if v := n.GetSval().GetSval(); (strings.Contains(v, "=") || strings.Contains(v, "://")) && len(conninfo.Find(v)) > 0 {
				why = "string " + v
			}
		}
		return why == ""
	})
	return why
}

// TestMayMatterSelectsEveryInterestingStatement parses every statement of
// the corpora that the selective path skips and checks that no rule could
// have acted on it.
func TestMayMatterSelectsEveryInterestingStatement(t *testing.T) {
	extra := map[string][]byte{
		"schema-element": []byte("CREATE SCHEMA s CREATE TABLE t (a int) GRANT SELECT ON t TO PUBLIC;"),
		"escape":         []byte(`SELECT E'host\075db password\075x';`),
		"unicode":        []byte(`SELECT U&'host\003Ddb';`),
		"comment-first":  []byte("/* a /* nested */ note */ -- x\n  alter   ROLE a SUPERUSER;"),
		"subscription":   []byte("CREATE SUBSCRIPTION s CONNECTION 'host=db password=x' PUBLICATION p;"),
		"call":           []byte("CREATE TABLE t (a text DEFAULT Set_Config('pgaudit.log', 'none', false));"),
	}
	files := sqlCorpora(t)
	for k, v := range extra {
		files[k] = v
	}
	skipped := 0
	for name, src := range files {
		pre := string(Preprocess(src))
		stmts, err := parser.SplitWithParser(pre, false)
		if err != nil {
			continue // the piecewise fallback uses the same selector
		}
		for _, st := range stmts {
			if st == "" || mayMatter(st) {
				continue
			}
			skipped++
			for _, s := range Parse(st).Stmts {
				if why := interesting(s); why != "" {
					t.Errorf("%s: statement not selected but holds %s:\n%s", name, why, st)
				}
			}
		}
	}
	if skipped == 0 {
		t.Error("no statement was skipped: the selector selects everything")
	}
}

// TestSelectiveParseProblems checks the selective path reports exactly the
// parse errors of the full one, and that each statement it returns is one
// the full path returns, at the same file offset.
func TestSelectiveParseProblems(t *testing.T) {
	for name, src := range sqlCorpora(t) {
		compareFrontEnds(t, name, src)
	}
}

func compareFrontEnds(t *testing.T, name string, src []byte) {
	t.Helper()
	pre := string(Preprocess(src))
	full, sel := Parse(pre), ParseSelective(pre)
	if !slices.Equal(full.Problems, sel.Problems) {
		t.Errorf("%s: problems differ:\nfull:      %+v\nselective: %+v", name, full.Problems, sel.Problems)
	}
	type key struct {
		off   int
		depth int
		text  string
	}
	all, picked := map[key]int{}, map[key]int{}
	for _, s := range full.Stmts {
		all[key{s.toFile(s.start), s.Depth, s.Text()}]++
	}
	for _, s := range sel.Stmts {
		k := key{s.toFile(s.start), s.Depth, s.Text()}
		if all[k] == 0 {
			t.Errorf("%s: selective statement at %d (depth %d) not in the full parse: %q", name, k.off, k.depth, k.text)
		}
		all[k]--
		picked[k]++
	}
	// The other way round: every statement of the full parse a rule can
	// act on, at the top level or in a body, is in the selective one.
	for _, s := range full.Stmts {
		k := key{s.toFile(s.start), s.Depth, s.Text()}
		if why := interesting(s); why != "" {
			if picked[k] == 0 {
				t.Errorf("%s: statement at %d (depth %d) holds %s but was not selected: %q", name, k.off, k.depth, why, k.text)
				continue
			}
			picked[k]--
		}
	}
}

// FuzzSelectiveParse checks on arbitrary input that the selective front end
// reports the same parse errors as the full one and only statements the
// full one has.
func FuzzSelectiveParse(f *testing.F) {
	f.Add([]byte("GRANT ALL ON t TO x; SELEC 1; CREATE ROLE a PASSWORD 'p';"))
	f.Add([]byte("CREATE TABLE t (a int); ALTER ROLE x SET pgaudit.log = 'none'; SELECT dblink_connect('host=h password=p');"))
	f.Add([]byte("DO $$ BEGIN CREATE ROLE x; END $$; COPY t FROM stdin;\n1\n\\.\nUPDATE t SET a = 'host=x';"))
	f.Add([]byte("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END; INSERT INTO t VALUES ('unterminated"))
	f.Fuzz(func(t *testing.T, src []byte) {
		compareFrontEnds(t, "input", src)
	})
}

// TestMayMatterDataStatements: data statements full of URLs and key=value
// text are not parsed unless a string holds a connection string.
func TestMayMatterDataStatements(t *testing.T) {
	for st, want := range map[string]bool{
		`INSERT INTO clients VALUES ('https://app.example/cb', 'scope=openid', 'a=b')`:                false,
		`INSERT INTO clients VALUES ('https://app.example/cb', 'postgres://u:secret@db.example/app')`: true,
		`INSERT INTO settings VALUES ('dsn', 'host=db.example dbname=app password=hunter2')`:          true,
		`UPDATE t SET v = 'jdbc:postgresql://db.example/app?sslmode=disable' WHERE k = 'x=1'`:         true,
		`SELECT E'host\075db password\075x'`:                                                          true,
		`INSERT INTO docs VALUES ('see https://www.postgresql.org/docs/current/libpq-connect.html')`:  false,
	} {
		if got := mayMatter(st); got != want {
			t.Errorf("mayMatter(%s) = %v, want %v", st, got, want)
		}
	}
}

// TestPlainStrings: the scanner-free string finder agrees with pg_query's
// scanner where it claims to know, and declines everything else.
func TestPlainStrings(t *testing.T) {
	for _, tc := range []struct {
		text  string
		plain bool
		want  []string
	}{
		{`INSERT INTO t VALUES ('a', 'it''s', '')`, true, []string{"a", "it's", ""}},
		{`UPDATE t SET a = 1 WHERE b = 'x=y'`, true, []string{"x=y"}},
		{`SELECT 1`, true, nil},
		{"SELECT 'postgres:'\n'//u:p@h/db'", false, nil},
		{`SELECT E'a\'b'`, false, nil},
		{`SELECT $$x$$`, false, nil},
		{`SELECT "it's" FROM t`, false, nil},
		{"SELECT 1 -- it's\n, 'x'", false, nil},
		{`SELECT /* it's */ 'x'`, false, nil},
		{`SELECT U&'\0041'`, false, nil},
		{`SELECT 'open`, false, nil},
	} {
		plain, got := plainStrings(tc.text)
		if plain != tc.plain || !slices.Equal(got, tc.want) {
			t.Errorf("plainStrings(%q) = %v, %q; want %v, %q", tc.text, plain, got, tc.plain, tc.want)
		}
		if !plain {
			continue
		}
		// Where it claims to know, it agrees with the scanner.
		res, err := pg_query.Scan(tc.text)
		if err != nil {
			t.Fatal(err)
		}
		var scanned []string
		for _, tok := range res.Tokens {
			if tok.Token == pg_query.Token_SCONST {
				lit, _ := DecodeLiteral(tc.text[tok.Start:tok.End], int(tok.Start))
				scanned = append(scanned, lit.Value)
			}
		}
		if !slices.Equal(got, scanned) {
			t.Errorf("plainStrings(%q) = %q, the scanner finds %q", tc.text, got, scanned)
		}
	}
}

// FuzzPlainStrings: wherever plainStrings claims to know a statement's
// string constants, it has every one pg_query's scanner finds.
func FuzzPlainStrings(f *testing.F) {
	for _, s := range []string{`INSERT INTO t VALUES ('a', 'it''s')`, `SELECT 'x=y' WHERE a = 'b'`, "SELECT 'a'\n'b'", `SELECT E'\''`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		plain, got := plainStrings(text)
		if !plain {
			return
		}
		res, err := pg_query.Scan(text)
		if err != nil {
			return // the caller's scanner path decides for text it cannot scan
		}
		var scanned []string
		for _, tok := range res.Tokens {
			if tok.Token == pg_query.Token_SCONST {
				lit, ok := DecodeLiteral(text[tok.Start:tok.End], int(tok.Start))
				if !ok {
					t.Skip()
				}
				scanned = append(scanned, lit.Value)
			}
		}
		// A superset is enough (B'' and X'' constants come along): every
		// string the scanner finds must be there, for conninfo.Find to see.
		for _, v := range scanned {
			if !slices.Contains(got, v) {
				t.Fatalf("plainStrings(%q) = %q, missing %q that the scanner finds", text, got, v)
			}
		}
	})
}

// TestBodySelection: bodies no rule can act on are not parsed, and those
// that hold a grant, a role, a connection string, a dblink or set_config
// call or an EXECUTE are.
func TestBodySelection(t *testing.T) {
	for _, tc := range []struct {
		file   string
		nested bool // the selective path returns statements from bodies
	}{
		{"testdata/bodies/plain.sql", false},
		{"testdata/bodies/matter.sql", true},
	} {
		src, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		pre := string(Preprocess(src))
		depth := func(p *Parsed) (top, nested int) {
			for _, s := range p.Stmts {
				if s.Depth == 0 {
					top++
				} else {
					nested++
				}
			}
			return top, nested
		}
		fullTop, fullNested := depth(Parse(pre))
		selTop, selNested := depth(ParseSelective(pre))
		if fullNested == 0 {
			t.Errorf("%s: the full parse found no statement in bodies", tc.file)
		}
		if selTop != fullTop {
			t.Errorf("%s: %d top-level statements selected, want all %d (functions and DO blocks)", tc.file, selTop, fullTop)
		}
		if (selNested > 0) != tc.nested {
			t.Errorf("%s: selective parse returned %d statements from bodies (full: %d)", tc.file, selNested, fullNested)
		}
	}
}

func TestBodyMayMatter(t *testing.T) {
	for body, want := range map[string]bool{
		"BEGIN NEW.updated_at := now(); RETURN NEW; END":        false,
		"BEGIN UPDATE t SET a = 1 WHERE b = 'x=y'; END":         true, // SET: a statement may start there
		"BEGIN RETURN current_user || ':' || u; END":            false,
		"BEGIN RAISE NOTICE 'doing %', x; END":                  false,
		"BEGIN GRANT SELECT ON t TO r; END":                     true,
		"begin revoke all on t from public; end":                true,
		"BEGIN CREATE TEMP TABLE x (a int); END":                false,
		"BEGIN CREATE /* c */ ROLE x; END":                      true,
		"BEGIN create or replace function f() returns int; END": true,
		"BEGIN CREATE": true,
		"BEGIN ALTER TABLE t ADD c int; ALTER ROLE r SUPERUSER; END":            true,
		"BEGIN ALTER TABLE t ADD c int; END":                                    false,
		"BEGIN EXECUTE q; END":                                                  false,
		"BEGIN EXECUTE format('UPDATE %I x', t); END":                           false,
		"BEGIN EXECUTE 'TRUNCATE t'; END":                                       true,
		"BEGIN EXECUTE ( $q$x$q$ ); END":                                        true,
		"BEGIN EXECUTE E'x'; END":                                               true,
		"BEGIN EXECUTE -- why\n 'x'; END":                                       true,
		"BEGIN PERFORM dblink_connect(c); END":                                  true,
		"BEGIN PERFORM Set_Config('a', 'b', false); END":                        true,
		"BEGIN RETURN 'POSTGRESQL://h/d'; END":                                  true,
		"BEGIN c := 'host=h dbname=d'; END":                                     true,
		"BEGIN c := 'password =x'; END":                                         true,
		"BEGIN c := 'hostaddr=1.2.3.4 port=1'; END":                             true,
		"BEGIN c := 'port=1 connect_timeout=2'; END":                            false,
		"BEGIN c := E'\\x41'; END":                                              true,
		"BEGIN c := U&'\\0041'; END":                                            true,
		"BEGIN c := '" + string(rune(StandInByte)) + "'; END":                   true,
		"BEGIN done := true; doing := false; settings := 1; offset_x := 2; END": false,
		"BEGIN IF a THEN RETURN; END IF; END":                                   false,
		"BEGIN do_it(); END":                                                    false,
	} {
		if got := bodyMayMatter(body); got != want {
			t.Errorf("bodyMayMatter(%q) = %v, want %v", body, got, want)
		}
	}
}

// FuzzBodySelection puts arbitrary text in a DO block, a PL/pgSQL function
// and a SQL function, and checks the selective front end against the full
// one as FuzzSelectiveParse does: same problems, only statements the full
// path has, and every statement a rule can act on.
func FuzzBodySelection(f *testing.F) {
	f.Add("BEGIN GRANT ALL ON t TO PUBLIC; END")
	f.Add("BEGIN UPDATE t SET a = 'host=h dbname=d password=p'; END")
	f.Add("BEGIN EXECUTE 'CREATE ROLE x SUPERUSER'; PERFORM dblink_connect('x'); END")
	f.Add("DECLARE a ALIAS FOR $1; BEGIN SET search_path = x; GRANT r TO PUBLIC; END")
	f.Add("BEGIN RETURN E'host\075h user\075u'; END")
	f.Add("SELECT 1; GRANT USAGE ON SCHEMA s TO PUBLIC")
	f.Fuzz(func(t *testing.T, body string) {
		q := dollarQuote(body)
		for _, src := range []string{
			"DO " + q + ";",
			"CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS " + q + ";",
			"CREATE FUNCTION f() RETURNS void LANGUAGE sql AS " + q + ";",
		} {
			compareFrontEnds(t, "input", []byte(src))
		}
	})
}
