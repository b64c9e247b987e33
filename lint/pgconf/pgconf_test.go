package pgconf

import (
	"slices"
	"strings"
	"testing"
)

// ws is an expected setting; rawName and rawValue are the text at its
// spans.
type ws struct {
	line            int
	name, rawName   string
	value, rawValue string
	quoted          bool
}

type wi struct {
	line            int
	directive, path string
	text            string // src[Span]
}

type wp struct {
	off, line int
	at        string // src[off:] starts with this
	msg       string // substring of Msg
}

type parseCase struct {
	name     string
	in       string
	settings []ws
	includes []wi
	probs    []wp
}

var parseCases = []parseCase{
	{name: "equals", in: "ssl = off\n",
		settings: []ws{{1, "ssl", "ssl", "off", "off", false}}},
	{name: "no equals", in: "ssl off",
		settings: []ws{{1, "ssl", "ssl", "off", "off", false}}},
	{name: "quoted with comment", in: "ssl='off' # comment\n",
		settings: []ws{{1, "ssl", "ssl", "off", "'off'", true}}},
	{name: "comment glued to the value", in: "ssl=off#comment",
		settings: []ws{{1, "ssl", "ssl", "off", "off", false}}},
	{name: "names are lower-cased, values are not", in: "SSL = On\nPgAudit.Log = 'NONE'\n",
		settings: []ws{{1, "ssl", "SSL", "On", "On", false}, {2, "pgaudit.log", "PgAudit.Log", "NONE", "'NONE'", true}}},
	{name: "pgaudit none", in: "pgaudit.log = 'none'",
		settings: []ws{{1, "pgaudit.log", "pgaudit.log", "none", "'none'", true}}},
	{name: "preload list", in: "shared_preload_libraries = 'pg_stat_statements,pgaudit'\t# (change requires restart)\n",
		settings: []ws{{1, "shared_preload_libraries", "shared_preload_libraries", "pg_stat_statements,pgaudit", "'pg_stat_statements,pgaudit'", true}}},
	{name: "comments and blank lines", in: "# ssl = on\n\n   \t\n#pgaudit.log = 'all'\nssl = off\n",
		settings: []ws{{5, "ssl", "ssl", "off", "off", false}}},
	{name: "commented-out setting", in: "#ssl = off"},
	{name: "empty", in: ""},
	{name: "duplicates", in: "ssl = on\nwork_mem = 4MB\nssl = off\n",
		settings: []ws{{1, "ssl", "ssl", "on", "on", false}, {2, "work_mem", "work_mem", "4MB", "4MB", false}, {3, "ssl", "ssl", "off", "off", false}}},
	{name: "includes", in: "include 'a.conf'\ninclude = 'b.conf' # b\ninclude_if_exists 'c d.conf'\nINCLUDE_DIR = 'conf.d'\ninclude_dir confd\n",
		includes: []wi{
			{1, "include", "a.conf", "include 'a.conf'"},
			{2, "include", "b.conf", "include = 'b.conf'"},
			{3, "include_if_exists", "c d.conf", "include_if_exists 'c d.conf'"},
			{4, "include_dir", "conf.d", "INCLUDE_DIR = 'conf.d'"},
			{5, "include_dir", "confd", "include_dir confd"},
		}},
	{name: "escapes", in: `a = 'it''s'
b = 'it\'s'
c = 'tab\there\n'
d = '\101\60\1010'
e = 'c:\\dir'
f = 'a\zb'
g = 'ab\0cd'
h = ''
`,
		settings: []ws{
			{1, "a", "a", "it's", `'it''s'`, true},
			{2, "b", "b", "it's", `'it\'s'`, true},
			{3, "c", "c", "tab\there\n", `'tab\there\n'`, true},
			{4, "d", "d", "A0A0", `'\101\60\1010'`, true},
			{5, "e", "e", `c:\dir`, `'c:\\dir'`, true},
			{6, "f", "f", "azb", `'a\zb'`, true},
			{7, "g", "g", "ab", `'ab\0cd'`, true},
			{8, "h", "h", "", `''`, true},
		}},
	{name: "numbers", in: "work_mem = 128MB\na = -1\nb = 0.5\nc = 1.5e-3\nd = 0x1F\ne = +5min\nf = .\ng = 1e\n",
		settings: []ws{
			{1, "work_mem", "work_mem", "128MB", "128MB", false},
			{2, "a", "a", "-1", "-1", false},
			{3, "b", "b", "0.5", "0.5", false},
			{4, "c", "c", "1.5e-3", "1.5e-3", false},
			{5, "d", "d", "0x1F", "0x1F", false},
			{6, "e", "e", "+5min", "+5min", false},
			{7, "f", "f", ".", ".", false},
			{8, "g", "g", "1e", "1e", false},
		}},
	{name: "unquoted strings", in: "lc_messages = en_US.UTF-8\ntimezone = Europe/Berlin\nx = a:b\ny = \xc3\xbcber\n",
		settings: []ws{
			{1, "lc_messages", "lc_messages", "en_US.UTF-8", "en_US.UTF-8", false},
			{2, "timezone", "timezone", "Europe/Berlin", "Europe/Berlin", false},
			{3, "x", "x", "a:b", "a:b", false},
			{4, "y", "y", "\xc3\xbcber", "\xc3\xbcber", false},
		}},
	{name: "crlf", in: "ssl = off\r\nx = 'a'\r\n",
		settings: []ws{{1, "ssl", "ssl", "off", "off", false}, {2, "x", "x", "a", "'a'", true}}},
	{name: "tabs", in: "\tssl\t=\toff\t#c",
		settings: []ws{{1, "ssl", "ssl", "off", "off", false}}},
	{name: "bom", in: "\uFEFFssl = off\n",
		settings: []ws{{1, "ssl", "ssl", "off", "off", false}},
		probs:    []wp{{0, 1, "\uFEFF", "byte order mark"}}},

	// Problems. Each bad line is skipped and the next one still parsed.
	{name: "no value", in: "ssl = \nssl = on\n",
		settings: []ws{{2, "ssl", "ssl", "on", "on", false}},
		probs:    []wp{{5, 1, " \n", `missing value for "ssl"`}}},
	{name: "name only", in: "ssl",
		probs: []wp{{3, 1, "", `missing value for "ssl"`}}},
	{name: "unterminated quote", in: "a = 1\nx = 'abc\nb = 2\n",
		settings: []ws{{1, "a", "a", "1", "1", false}, {3, "b", "b", "2", "2", false}},
		probs:    []wp{{10, 2, "'abc", "unterminated quoted string"}}},
	{name: "escaped closing quote", in: `x = 'abc\'`,
		probs: []wp{{4, 1, `'abc\'`, "unterminated quoted string"}}},
	{name: "stray quote after a string", in: "x = 'on''",
		probs: []wp{{8, 1, "'", "unterminated quoted string"}}},
	{name: "unquoted list", in: "listen_addresses = localhost, 127.0.0.1",
		probs: []wp{{28, 1, ",", `unexpected "," after the value of "listen_addresses"`}}},
	{name: "unquoted star", in: "listen_addresses = *",
		probs: []wp{{19, 1, "*", `expected a value for "listen_addresses", found "*"`}}},
	{name: "unquoted path", in: "data_directory = /var/lib/pg",
		probs: []wp{{17, 1, "/", `found "/"`}}},
	{name: "name.name value", in: "shared_preload_libraries = pgaudit.so\ninclude_dir conf.d",
		probs: []wp{
			{27, 1, "pgaudit.so", `value "pgaudit.so" of "shared_preload_libraries" must be quoted`},
			{50, 2, "conf.d", `value "conf.d" of "include_dir" must be quoted`},
		}},
	{name: "quoted name", in: "'ssl' = on",
		probs: []wp{{0, 1, "'ssl'", `expected a parameter name, found "'ssl'"`}}},
	{name: "no name", in: "= on",
		probs: []wp{{0, 1, "=", `expected a parameter name, found "="`}}},
	{name: "two equals", in: "ssl = = on",
		probs: []wp{{6, 1, "= on", `expected a value for "ssl", found "="`}}},
	{name: "three-part name", in: "a.b.c = 1",
		probs: []wp{{0, 1, "a.b.c", "expected a parameter name"}}},
	{name: "two values", in: "ssl on off\nx = 'a' 'b'\n",
		probs: []wp{
			{7, 1, "off", `unexpected "off" after the value of "ssl"`},
			{19, 2, "'b'", `unexpected "'b'"`},
		}},
	{name: "real with unit", in: "x = 1.5GB",
		probs: []wp{{7, 1, "GB", `unexpected "GB"`}}},
	{name: "nul byte", in: "ssl = off\x00\nssl = on\n",
		settings: []ws{{2, "ssl", "ssl", "on", "on", false}},
		probs:    []wp{{9, 1, "\x00", "NUL byte"}}},
}

func TestParse(t *testing.T) {
	for _, c := range parseCases {
		t.Run(c.name, func(t *testing.T) {
			src := []byte(c.in)
			f, probs := Parse(src)
			checkInvariants(t, src, f, probs)
			if len(f.Settings) != len(c.settings) {
				t.Fatalf("got settings %+v, want %d\nproblems %+v", f.Settings, len(c.settings), probs)
			}
			for i, want := range c.settings {
				s := f.Settings[i]
				got := ws{s.Line, s.Name, c.in[s.NameSpan.Start:s.NameSpan.End], s.Value, c.in[s.ValueSpan.Start:s.ValueSpan.End], s.Quoted}
				if got != want {
					t.Errorf("setting %d = %+v, want %+v", i, got, want)
				}
			}
			if len(f.Includes) != len(c.includes) {
				t.Fatalf("got includes %+v, want %d", f.Includes, len(c.includes))
			}
			for i, want := range c.includes {
				in := f.Includes[i]
				got := wi{in.Line, in.Directive, in.Path, c.in[in.Span.Start:in.Span.End]}
				if got != want {
					t.Errorf("include %d = %+v, want %+v", i, got, want)
				}
			}
			if len(probs) != len(c.probs) {
				t.Fatalf("got problems %+v, want %d", probs, len(c.probs))
			}
			for i, want := range c.probs {
				got := probs[i]
				if got.Offset != want.off || got.Line != want.line || !strings.Contains(got.Msg, want.msg) {
					t.Errorf("problem %d = %+v, want offset %d line %d msg containing %q", i, got, want.off, want.line, want.msg)
				}
				if !strings.HasPrefix(c.in[min(got.Offset, len(c.in)):], want.at) {
					t.Errorf("problem %d at %q, want at %q", i, c.in[min(got.Offset, len(c.in)):], want.at)
				}
			}
		})
	}
}

func TestLast(t *testing.T) {
	f, _ := Parse([]byte("ssl = on\nwork_mem = 4MB\nSSL = off\npgaudit.log = 'all'\n"))
	if s := f.Last("ssl"); s == nil || s.Value != "off" || s.Line != 3 {
		t.Errorf("Last(ssl) = %+v, want the off on line 3", s)
	}
	if s := f.Last("PGAUDIT.LOG"); s == nil || s.Value != "all" {
		t.Errorf("Last(PGAUDIT.LOG) = %+v", s)
	}
	if s := f.Last("shared_preload_libraries"); s != nil {
		t.Errorf("Last(shared_preload_libraries) = %+v, want nil", s)
	}
	all := f.All("Ssl")
	if len(all) != 2 || all[0].Value != "on" || all[1].Value != "off" {
		t.Errorf("All(Ssl) = %+v", all)
	}
	if s := (&File{}).Last("ssl"); s != nil {
		t.Errorf("Last on an empty file = %+v", s)
	}
}

func TestBool(t *testing.T) {
	cases := []struct {
		in        string
		value, ok bool
	}{
		{"on", true, true}, {"off", false, true}, {"true", true, true}, {"false", false, true},
		{"yes", true, true}, {"no", false, true}, {"1", true, true}, {"0", false, true},
		{"ON", true, true}, {"Off", false, true}, {"TRUE", true, true}, {"FaLsE", false, true}, {"YES", true, true}, {"No", false, true},
		{"t", true, true}, {"tr", true, true}, {"tru", true, true}, {"f", false, true}, {"fa", false, true}, {"fals", false, true},
		{"y", true, true}, {"ye", true, true}, {"n", false, true}, {"of", false, true}, {"OF", false, true},
		{"o", false, false}, {"O", false, false}, {"", false, false}, {"2", false, false}, {"10", false, false}, {"00", false, false},
		{"truex", false, false}, {"onn", false, false}, {"offf", false, false}, {"yesno", false, false}, {" on", false, false},
		{"on ", false, false}, {"nope", false, false}, {"enable", false, false}, {"\xd4n", false, false},
	}
	for _, c := range cases {
		if v, ok := Bool(c.in); v != c.value || ok != c.ok {
			t.Errorf("Bool(%q) = %v, %v; want %v, %v", c.in, v, ok, c.value, c.ok)
		}
	}
}

func TestList(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"pgaudit", []string{"pgaudit"}},
		{"pg_stat_statements,pgaudit", []string{"pg_stat_statements", "pgaudit"}},
		{" pg_stat_statements , PGAudit ", []string{"pg_stat_statements", "pgaudit"}},
		{`"pgaudit", "$libdir/auto_explain"`, []string{"pgaudit", "$libdir/auto_explain"}},
		{`"a,b",c`, []string{"a,b", "c"}},
		{`"a""b"`, []string{`a"b`}},
		{"a,,b,", []string{"a", "b"}},
		{`"unterminated, x`, []string{"unterminated, x"}},
	}
	for _, c := range cases {
		if got := List(c.in); !slices.Equal(got, c.want) {
			t.Errorf("List(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// checkInvariants holds for any input.
func checkInvariants(t *testing.T, src []byte, f *File, probs []Problem) {
	t.Helper()
	if f == nil {
		t.Fatal("nil File")
	}
	line := func(off int) int { return strings.Count(string(src[:off]), "\n") + 1 }
	inFile := func(what string, s Span) {
		if s.Start < 0 || s.End > len(src) || s.Start >= s.End {
			t.Fatalf("%s span %+v out of [0,%d]", what, s, len(src))
		}
	}
	for _, s := range f.Settings {
		inFile("name", s.NameSpan)
		inFile("value", s.ValueSpan)
		if s.NameSpan.End > s.ValueSpan.Start || s.Line != line(s.NameSpan.Start) || line(s.ValueSpan.End) != s.Line {
			t.Fatalf("bad setting %+v", s)
		}
		if raw := string(src[s.ValueSpan.Start:s.ValueSpan.End]); !s.Quoted && raw != s.Value {
			t.Fatalf("unquoted value %q written as %q", s.Value, raw)
		}
		if s.Name != lowerASCII(string(src[s.NameSpan.Start:s.NameSpan.End])) {
			t.Fatalf("name %q written as %q", s.Name, src[s.NameSpan.Start:s.NameSpan.End])
		}
		if f.Last(s.Name) == nil {
			t.Fatalf("Last(%q) = nil", s.Name)
		}
		Bool(s.Value)
		List(s.Value)
	}
	for _, in := range f.Includes {
		inFile("include", in.Span)
		if in.Line != line(in.Span.Start) {
			t.Fatalf("bad include %+v", in)
		}
	}
	for _, p := range probs {
		if p.Offset < 0 || p.Offset > len(src) || p.Line < 1 || p.Line != line(p.Offset) || p.Msg == "" {
			t.Fatalf("bad problem %+v for %d bytes", p, len(src))
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, c := range parseCases {
		f.Add([]byte(c.in))
	}
	for _, s := range []string{"'", "''", "'''", `'\`, `x '\`, "x = '\\\n'", "x 0x", "x -", "x -.e5", "x 1.e+", "a.b c.d",
		"\uFEFF", "\uFEFF\uFEFF", "x '\\777'", "x = 'a''"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, probs := Parse(src)
		checkInvariants(t, src, file, probs)
	})
}
