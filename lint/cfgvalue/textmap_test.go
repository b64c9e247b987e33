package cfgvalue

import (
	"fmt"
	"strings"
	"testing"
)

// spanCase finds the value at path in src, then the first occurrence of
// find in its Text, and expects Span to give the source bytes want at
// line:col (1-based, columns in characters).
type spanCase struct {
	name      string
	parse     func([]byte) ([]Value, error)
	src       string
	path      string
	find      string
	want      string
	line, col int
}

func parseYAML(src []byte) ([]Value, error) { return ParseYAML(src) }
func parseJSON(src []byte) ([]Value, error) { return ParseJSON(src) }
func parseTOML(src []byte) ([]Value, error) { return ParseTOML(src) }
func parseEnv(src []byte) ([]Value, error) {
	vals, errs := ParseEnv(src)
	if len(errs) > 0 {
		return nil, errs[0]
	}
	return vals, nil
}

var spanCases = []spanCase{
	{
		name:  "json password after a \\u escape",
		parse: parseJSON,
		src:   "{\n  \"db\": {\"url\": \"postgres://app:s3cr\\u0065t-pw@db.internal/app?sslmode\\u003ddisable\"}\n}\n",
		path:  "db.url", find: "s3cret-pw", want: `s3cr\u0065t-pw`, line: 2, col: 33,
	},
	{
		name:  "json sslmode after a \\u003d escape",
		parse: parseJSON,
		src:   "{\n  \"db\": {\"url\": \"postgres://app:s3cr\\u0065t-pw@db.internal/app?sslmode\\u003ddisable\"}\n}\n",
		path:  "db.url", find: "disable", want: "disable", line: 2, col: 77,
	},
	{
		name:  "json value after escaped quotes",
		parse: parseJSON,
		src:   `{"dsn": "application_name=\"my app\" host=db password=Tr0ub4dor sslmode=prefer"}`,
		path:  "dsn", find: "Tr0ub4dor", want: "Tr0ub4dor", line: 1, col: 55,
	},
	{
		name:  "json value after escaped backslashes",
		parse: parseJSON,
		src:   `{"conn": "sslrootcert=C:\\certs\\root.crt sslmode=verify-ca"}`,
		path:  "conn", find: "verify-ca", want: "verify-ca", line: 1, col: 51,
	},
	{
		name:  "json escape inside the found text is covered whole",
		parse: parseJSON,
		src:   `{"password": "pa\"ss\u00e9"}`,
		path:  "password", find: "pa\"ssé", want: `pa\"ss\u00e9`, line: 1, col: 15,
	},
	{
		name:  "json after a surrogate pair and a non-ASCII character",
		parse: parseJSON,
		src:   `{"url": "\ud83d\ude00é postgres://u:pw123@h/db"}`,
		path:  "url", find: "pw123", want: "pw123", line: 1, col: 37,
	},
	{
		name:  "yaml double-quoted with \\u0026",
		parse: parseYAML,
		src:   "services:\n  api:\n    env:\n      DATABASE_URL: \"postgres://app:hunter22@db:5432/shop?a=1\\u0026sslmode=disable\"\n",
		path:  "services.api.env.DATABASE_URL", find: "disable", want: "disable", line: 4, col: 76,
	},
	{
		name:  "yaml double-quoted password after \\\"",
		parse: parseYAML,
		src:   "dsn: \"application_name=\\\"x\\\" password=s3cret-pw\"\n",
		path:  "dsn", find: "s3cret-pw", want: "s3cret-pw", line: 1, col: 39,
	},
	{
		name:  "yaml double-quoted password holding \\\\",
		parse: parseYAML,
		src:   "url: \"postgres://app:back\\\\slash@db/app\"\n",
		path:  "url", find: "back\\slash", want: `back\\slash`, line: 1, col: 22,
	},
	{
		name:  "yaml double-quoted over lines",
		parse: parseYAML,
		src:   "dsn: \"host=db\n  password=Winter-pw\n\n  sslmode=allow\"\n",
		path:  "dsn", find: "Winter-pw", want: "Winter-pw", line: 2, col: 12,
	},
	{
		name:  "yaml double-quoted after an empty line",
		parse: parseYAML,
		src:   "dsn: \"host=db\n  password=Winter-pw\n\n  sslmode=allow\"\n",
		path:  "dsn", find: "allow", want: "allow", line: 4, col: 11,
	},
	{
		name:  "yaml double-quoted with an escaped line break and CRLF",
		parse: parseYAML,
		src:   "dsn: \"host=db \\\r\n    sslmode=require\"\r\n",
		path:  "dsn", find: "require", want: "require", line: 2, col: 13,
	},
	{
		name:  "yaml folded line break inside the found text",
		parse: parseYAML,
		src:   "note: \"a b\n  c d\"\n",
		path:  "note", find: "b c", want: "b\n  c", line: 1, col: 10,
	},
	{
		name:  "yaml single-quoted with a doubled quote",
		parse: parseYAML,
		src:   "dsn: 'application_name=''x'' password=s3cret-pw'\n",
		path:  "dsn", find: "s3cret-pw", want: "s3cret-pw", line: 1, col: 39,
	},
	{
		name:  "yaml plain scalar over lines",
		parse: parseYAML,
		src:   "dsn: host=db.example.com\n  password=Plain-pw sslmode=disable\n",
		path:  "dsn", find: "Plain-pw", want: "Plain-pw", line: 2, col: 12,
	},
	{
		name:  "yaml \\x, \\U and \\N escapes",
		parse: parseYAML,
		src:   "v: \"\\x41\\U0001F600\\N sslmode=allow\"\n",
		path:  "v", find: "allow", want: "allow", line: 1, col: 30,
	},
	{
		name:  "yaml block scalar is not traced: all of it",
		parse: parseYAML,
		src:   "dsn: |\n  host=db\n  sslmode=allow\n",
		path:  "dsn", find: "allow", want: "host=db\n  sslmode=allow", line: 2, col: 3,
	},
	{
		name:  "toml basic string with escapes",
		parse: parseTOML,
		src:   "[db]\nurl = \"postgres://app:pw\\u0021x@db/app?a=\\\"b\\\"&sslmode=prefer\"\n",
		path:  "db.url", find: "prefer", want: "prefer", line: 2, col: 56,
	},
	{
		name:  "toml password with an escape",
		parse: parseTOML,
		src:   "[db]\nurl = \"postgres://app:pw\\u0021x@db/app?a=\\\"b\\\"&sslmode=prefer\"\n",
		path:  "db.url", find: "pw!x", want: `pw\u0021x`, line: 2, col: 23,
	},
	{
		name:  "toml multi-line basic string with a line-ending backslash",
		parse: parseTOML,
		src:   "dsn = \"\"\"\nhost=db \\\n    password=Toml-pw\"\"\"\n",
		path:  "dsn", find: "Toml-pw", want: "Toml-pw", line: 3, col: 14,
	},
	{
		name:  "toml 1.1 \\x escape before the found text",
		parse: parseTOML,
		src:   "password = \"S\\xf8rmirb\\xe6ren-pw\"\n",
		path:  "password", find: "æren-pw", want: "\\xe6ren-pw", line: 1, col: 23,
	},
	{
		name:  "env double-quoted value with escapes",
		parse: parseEnv,
		src:   "DATABASE_URL=\"postgres://app:p\\$w0rd@db/app?x=\\\"y\\\"&sslmode=disable\"\n",
		path:  "DATABASE_URL", find: "disable", want: "disable", line: 1, col: 61,
	},
	{
		name:  "env password with an escaped dollar",
		parse: parseEnv,
		src:   "DATABASE_URL=\"postgres://app:p\\$w0rd@db/app?x=\\\"y\\\"&sslmode=disable\"\n",
		path:  "DATABASE_URL", find: "p$w0rd", want: `p\$w0rd`, line: 1, col: 30,
	},
}

func TestSpan(t *testing.T) {
	for _, c := range spanCases {
		t.Run(c.name, func(t *testing.T) {
			src := []byte(c.src)
			vals, err := c.parse(src)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, src, vals)
			var v *Value
			for i := range vals {
				if strings.Join(vals[i].Path, ".") == c.path {
					v = &vals[i]
				}
			}
			if v == nil {
				t.Fatalf("no value at %s in %v", c.path, vals)
			}
			a := strings.Index(v.Text, c.find)
			if a < 0 {
				t.Fatalf("%q not in %q", c.find, v.Text)
			}
			s, e := v.Span(a, a+len(c.find))
			line, col := newLineIndex(src).position(s)
			got := fmt.Sprintf("%d:%d %q", line, col, src[s:e])
			if want := fmt.Sprintf("%d:%d %q", c.line, c.col, c.want); got != want {
				t.Errorf("Span of %q = %s, want %s", c.find, got, want)
			}
		})
	}
}

// TestSpanEdges checks Span at the ends of Text and with offsets out of
// range.
func TestSpanEdges(t *testing.T) {
	src := []byte(`{"a": "\u0041b\n", "b": "plain"}`)
	vals, err := ParseJSON(src)
	if err != nil {
		t.Fatal(err)
	}
	a, b := vals[0], vals[1]
	for _, c := range []struct {
		v          Value
		from, to   int
		start, end int
	}{
		{a, 0, 3, 7, 16},   // all of "\u0041b\n"
		{a, 0, 0, 7, 7},    // empty, at the start
		{a, 1, 2, 13, 14},  // "b"
		{a, 2, 3, 14, 16},  // "\n" from its escape
		{a, 3, 3, 16, 16},  // empty, at the end
		{a, -5, 99, 7, 16}, // clamped
		{a, 2, 1, 14, 14},  // b before a: empty at a
		{b, 1, 3, 26, 28},  // exact
		{b, 9, 12, 30, 30}, // clamped to the end
	} {
		if s, e := c.v.Span(c.from, c.to); s != c.start || e != c.end {
			t.Errorf("%q Span(%d, %d) = [%d,%d), want [%d,%d)", c.v.Text, c.from, c.to, s, e, c.start, c.end)
		}
	}
}
