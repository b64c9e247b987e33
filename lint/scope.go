package lint

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/grantguard/grantguard/lint/sqlfront"
)

// What a run leaves out without a finding: .sql files of other SQL dialects
// and files in test and fixture paths. Both are counted for the run's
// summary (Result.OtherDialects, Result.TestFiles).

// testSegments are directory names under which files are tests or
// fixtures: regression suites (src/test/regress), test SQL (test/sql), test
// helpers (internal/testing), fixtures (test/io/fixtures), end-to-end
// suites and test snapshots (__snapshots__, .snapshots).
var testSegments = map[string]bool{
	"test": true, "tests": true, "__tests__": true, "testing": true, "regress": true, "fixtures": true,
	"e2e": true, "__snapshots__": true, ".snapshots": true,
}

// dialectNames maps a path segment or a dot-separated part of a file name
// to the SQL dialect it names, as repositories that keep one schema per
// database name them (schema/mysql/, 0001_init.sqlite3.up.sql).
var dialectNames = map[string]string{
	"mysql": "mysql", "mariadb": "mariadb",
	"sqlite": "sqlite", "sqlite3": "sqlite", "libsql": "sqlite", "turso": "sqlite",
	"cockroach": "cockroachdb", "cockroachdb": "cockroachdb", "crdb": "cockroachdb",
	"mssql": "sqlserver", "sqlserver": "sqlserver",
	"clickhouse": "clickhouse", "spanner": "spanner", "oracle": "oracle",
	"tidb": "tidb", "duckdb": "duckdb", "ydb": "ydb",
}

// configuredDialect is the dialect named in the summary for files that
// [sql] other_dialects leaves out.
const configuredDialect = "other (config)"

// belowRoot returns the slash-separated path of abs below the walk root
// root ("" for the root itself).
func belowRoot(root, abs string) string {
	if !within(abs, root) || abs == root {
		return ""
	}
	r := abs[len(root):]
	r = strings.TrimPrefix(r, string(filepath.Separator))
	return filepath.ToSlash(r)
}

// inTestPath reports whether the file at abs, reached from root, is a test
// or fixture file: below a test directory (counted from the root, so a
// test directory named on the command line is linted), named test_*, or
// matched by [tests] paths; [tests] lint takes paths back.
func (e *engine) inTestPath(root, abs string) bool {
	cfg := e.opts.Config
	if e.matchConfigGlobs(cfg.Tests.Lint, abs) {
		return false
	}
	if e.matchConfigGlobs(cfg.Tests.Paths, abs) {
		return true
	}
	below := belowRoot(root, abs)
	if below == "" {
		return false
	}
	segs := strings.Split(below, "/")
	for _, s := range segs[:len(segs)-1] {
		if testDir(s) {
			return true
		}
	}
	return strings.HasPrefix(strings.ToLower(segs[len(segs)-1]), "test_")
}

// testHelperSuffixes follow "test" in one-word names of test helper
// directories: testhelpers, testutil, testfixtures, testsetup.
var testHelperSuffixes = []string{"helper", "helpers", "util", "utils", "fixture", "fixtures", "setup",
	"env", "server", "case", "cases", "suite", "suites", "lib", "kit", "infra", "container", "containers", "support"}

// testDir reports whether a directory name is a test or fixture directory:
// one of testSegments, a name with a word test, tests or testing in it
// (persistence-tests, integration_test), or test followed by a helper word
// (testhelpers, testfixtures). latest and contest are not.
func testDir(name string) bool {
	n := strings.ToLower(name)
	if testSegments[n] {
		return true
	}
	for _, w := range strings.FieldsFunc(n, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		if w == "test" || w == "tests" || w == "testing" {
			return true
		}
	}
	if rest, ok := strings.CutPrefix(n, "test"); ok {
		for _, sfx := range testHelperSuffixes {
			if rest == sfx {
				return true
			}
		}
	}
	return false
}

// pathDialect returns the SQL dialect a .sql file's path names, "" for
// PostgreSQL: [sql] postgres and other_dialects globs first, then the
// directories of its display path and the dot-separated parts of its name.
func (e *engine) pathDialect(abs, rel string) string {
	cfg := e.opts.Config
	if e.matchConfigGlobs(cfg.SQL.Postgres, abs) {
		return ""
	}
	if e.matchConfigGlobs(cfg.SQL.OtherDialects, abs) {
		return configuredDialect
	}
	segs := strings.Split(rel, "/")
	for _, s := range segs[:len(segs)-1] {
		if d := dialectNames[strings.ToLower(s)]; d != "" {
			return d
		}
	}
	parts := strings.Split(strings.ToLower(segs[len(segs)-1]), ".")
	for _, p := range parts[:len(parts)-1] {
		if d := dialectNames[p]; d != "" {
			return d
		}
	}
	return ""
}

// forcedPostgres reports whether [sql] postgres names the file, which then
// is never taken for another dialect, whatever its syntax.
func (e *engine) forcedPostgres(abs string) bool {
	return e.matchConfigGlobs(e.opts.Config.SQL.Postgres, abs)
}

// matchConfigGlobs reports whether one of globs (relative to the config
// file's directory, else the working directory) matches abs, or a
// directory above it when the glob ends in "/**".
func (e *engine) matchConfigGlobs(globs []string, abs string) bool {
	if len(globs) == 0 {
		return false
	}
	base := e.opts.Config.Dir
	if base == "" {
		base = e.wd
	}
	r, err := filepath.Rel(base, abs)
	if err != nil || strings.HasPrefix(r, "..") {
		return false
	}
	r = filepath.ToSlash(r)
	for _, g := range globs {
		if matchGlob(g, r) || strings.HasSuffix(g, "/**") && matchGlob(strings.TrimSuffix(g, "/**"), r) {
			return true
		}
	}
	return false
}

// Syntax that no PostgreSQL file has, by the dialect it belongs to. Each
// pattern is matched against the file with comments and string literals
// blanked (see sqlCodeOnly), and only once the file has failed to parse.
var dialectSyntax = []struct {
	dialect string
	re      *regexp.Regexp
}{
	{"mysql", regexp.MustCompile("`[^`\n]+`")}, // backtick-quoted identifiers
	{"mysql", regexp.MustCompile(`(?i)\)\s*(?:DEFAULT\s+)?(?:ENGINE|CHARSET|CHARACTER\s+SET)\s*=`)},
	{"mysql", regexp.MustCompile(`(?i)\bAUTO_INCREMENT\b`)},
	{"mysql", regexp.MustCompile(`(?i)\bIDENTIFIED\s+(?:BY|WITH)\b`)},
	{"mysql", regexp.MustCompile(`(?i)\bON\s+DUPLICATE\s+KEY\s+UPDATE\b`)},
	{"mysql", regexp.MustCompile(`(?i)\b(?:TINYINT|MEDIUMINT|INT|BIGINT)\s*(?:\(\s*\d+\s*\))?\s+UNSIGNED\b`)},
	{"mysql", regexp.MustCompile(`(?i)\b(?:LONGTEXT|MEDIUMTEXT|TINYTEXT|LONGBLOB|MEDIUMBLOB|TINYBLOB)\b`)},
	{"mysql", regexp.MustCompile(`(?im)^\s*DELIMITER\s+\S+\s*$`)},
	// An index declared inside CREATE TABLE: "INDEX name (col)" or "KEY name (col)"
	// after a comma.
	{"mysql", regexp.MustCompile("(?i),\\s*(?:UNIQUE\\s+|FULLTEXT\\s+)?(?:INDEX|KEY)\\s+[\\w`\"]+\\s*\\(\\s*[A-Za-z_`\"]")},
	{"sqlite", regexp.MustCompile(`(?i)\bAUTOINCREMENT\b`)},
	{"sqlite", regexp.MustCompile(`(?i)\bWITHOUT\s+ROWID\b`)},
	{"sqlite", regexp.MustCompile(`(?im)^\s*PRAGMA\s+\w+`)},
	{"sqlite", regexp.MustCompile(`(?i)\bINSERT\s+OR\s+(?:REPLACE|IGNORE|ABORT|FAIL|ROLLBACK)\b`)},
	{"cockroachdb", regexp.MustCompile(`(?i)\bUPSERT\s+INTO\b`)},
	{"cockroachdb", regexp.MustCompile(`(?i)\bINTERLEAVE\s+IN\s+PARENT\b`)},
	{"cockroachdb", regexp.MustCompile(`(?i)\bINVERTED\s+INDEX\b`)},
	{"cockroachdb", regexp.MustCompile(`(?i)\bUSING\s+HASH\s+WITH\s+BUCKET_COUNT\b`)},
	{"sqlserver", regexp.MustCompile(`(?im)^\s*GO\s*$`)},
	{"sqlserver", regexp.MustCompile(`(?i)\[dbo\]\.`)},
	{"sqlserver", regexp.MustCompile(`(?i)\bIDENTITY\s*\(\s*\d+\s*,\s*\d+\s*\)`)},
	{"sqlserver", regexp.MustCompile(`(?i)\bNVARCHAR\s*\(\s*MAX\s*\)`)},
	{"oracle", regexp.MustCompile(`(?i)\bVARCHAR2\s*\(`)},
	{"clickhouse", regexp.MustCompile(`(?i)\bENGINE\s*=\s*\w*MergeTree\b`)},
}

// syntaxDialect returns the dialect whose unmistakable syntax src (a .sql
// file that PostgreSQL's parser rejected) uses, or "".
func syntaxDialect(src []byte) string {
	code := sqlCodeOnly(src)
	for _, d := range dialectSyntax {
		if d.re.Match(code) {
			return d.dialect
		}
	}
	return ""
}

// sqlCodeOnly returns src with -- and /* */ comments, '...' literals and
// dollar-quoted bodies blanked (newlines kept), so that syntax is looked
// for only in code. Backticks and double quotes are kept: MySQL quotes
// identifiers with the first, and PostgreSQL has none outside a literal.
func sqlCodeOnly(src []byte) []byte {
	out := make([]byte, len(src))
	copy(out, src)
	blank := func(from, to int) {
		for i := from; i < to && i < len(out); i++ {
			if out[i] != '\n' {
				out[i] = ' '
			}
		}
	}
	for i := 0; i < len(src); {
		switch {
		case src[i] == '-' && i+1 < len(src) && src[i+1] == '-':
			j := i
			for j < len(src) && src[j] != '\n' {
				j++
			}
			blank(i, j)
			i = j
		case src[i] == '#' && (i == 0 || src[i-1] == '\n'):
			// A MySQL comment line.
			j := i
			for j < len(src) && src[j] != '\n' {
				j++
			}
			blank(i, j)
			i = j
		case src[i] == '/' && i+1 < len(src) && src[i+1] == '*':
			j := i + 2
			for j+1 < len(src) && !(src[j] == '*' && src[j+1] == '/') {
				j++
			}
			j = min(j+2, len(src))
			blank(i, j)
			i = j
		case src[i] == '$':
			tag, ok := sqlfront.DollarTagAt(src, i)
			if !ok {
				i++
				continue
			}
			end := bytes.Index(src[i+len(tag):], []byte(tag))
			j := len(src)
			if end >= 0 {
				j = i + len(tag) + end + len(tag)
			}
			blank(i+len(tag), j-len(tag))
			i = j
		case src[i] == '\'':
			j := i + 1
			for j < len(src) {
				if src[j] == '\\' {
					j += 2
					continue
				}
				if src[j] == '\'' {
					if j+1 < len(src) && src[j+1] == '\'' {
						j += 2
						continue
					}
					break
				}
				j++
			}
			j = min(j+1, len(src))
			blank(i+1, j-1)
			i = j
		default:
			i++
		}
	}
	return out
}
