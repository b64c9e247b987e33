package pgbouncer

import (
	"reflect"
	"strings"
	"testing"
)

// setting is what a test expects of a Setting: section, key and value, with
// the spans checked against the input separately.
type setting struct{ section, key, value string }

func TestParse(t *testing.T) {
	cases := []struct {
		name     string
		in       string
		want     []setting
		includes []string
		problems []int // offsets
	}{
		{name: "sample", in: "[databases]\n* = host=db port=5432\n\n[pgbouncer]\nlisten_addr = *\nauth_type = md5\n",
			want: []setting{{"databases", "*", "host=db port=5432"}, {"pgbouncer", "listen_addr", "*"}, {"pgbouncer", "auth_type", "md5"}}},
		{name: "comments", in: "; a comment\n# another\n[pgbouncer]\n;auth_type = trust\n  # indented comment\nauth_type = md5 ; not a comment\n",
			want: []setting{{"pgbouncer", "auth_type", "md5 ; not a comment"}}},
		{name: "indented", in: "    [pgbouncer]\n    auth_type = scram-sha-256\n\tlisten_addr=0.0.0.0   \n",
			want: []setting{{"pgbouncer", "auth_type", "scram-sha-256"}, {"pgbouncer", "listen_addr", "0.0.0.0"}}},
		{name: "yaml is not ini", in: "pgbouncer:\n  ini: |\n    [pgbouncer]\n    auth_type = trust\nother: 1\n",
			want: []setting{{"pgbouncer", "auth_type", "trust"}}, problems: []int{9, 16, 63}},
		{name: "crlf", in: "[pgbouncer]\r\nauth_type = plain\r\n", want: []setting{{"pgbouncer", "auth_type", "plain"}}},
		{name: "quoted key", in: "[databases]\n'my db' = dbname=x\n", want: []setting{{"databases", "my db", "dbname=x"}}},
		{name: "after header", in: "[pgbouncer] auth_type = trust\n", want: []setting{{"pgbouncer", "auth_type", "trust"}}},
		{name: "empty value", in: "[pgbouncer]\nauth_file =\nx = y\n", want: []setting{{"pgbouncer", "auth_file", ""}, {"pgbouncer", "x", "y"}}},
		{name: "include", in: "%include /etc/pgbouncer/extra.ini  \n[pgbouncer]\n%includex = 1\n",
			includes: []string{"/etc/pgbouncer/extra.ini"}, problems: []int{48}},
		{name: "no equals", in: "[pgbouncer]\nauth_type md5\nlisten_port = 6432\n",
			want: []setting{{"pgbouncer", "listen_port", "6432"}}, problems: []int{22}},
		{name: "unclosed section", in: "[pgbouncer\nauth_type = md5\n", want: []setting{{"", "auth_type", "md5"}}, problems: []int{0}},
		{name: "unclosed quote", in: "'db = x\n", problems: []int{0}},
		{name: "empty quoted key", in: "'' = x\n", problems: []int{0}},
		{name: "bom", in: "\uFEFF[pgbouncer]\nauth_type = any\n", want: []setting{{"pgbouncer", "auth_type", "any"}}},
		{name: "no newline at end", in: "[pgbouncer]\nauth_type = trust", want: []setting{{"pgbouncer", "auth_type", "trust"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, probs := Parse([]byte(c.in))
			var got []setting
			for _, s := range f.Settings {
				got = append(got, setting{s.Section, s.Key, s.Value})
				if c.in[s.ValueSpan.Start:s.ValueSpan.End] != s.Value {
					t.Errorf("value span %v is %q, want %q", s.ValueSpan, c.in[s.ValueSpan.Start:s.ValueSpan.End], s.Value)
				}
				if c.in[s.KeySpan.Start:s.KeySpan.End] != s.Key {
					t.Errorf("key span %v is %q, want %q", s.KeySpan, c.in[s.KeySpan.Start:s.KeySpan.End], s.Key)
				}
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("settings = %q, want %q", got, c.want)
			}
			var incs []string
			for _, in := range f.Includes {
				incs = append(incs, in.Path)
			}
			if !reflect.DeepEqual(incs, c.includes) {
				t.Errorf("includes = %q, want %q", incs, c.includes)
			}
			var offs []int
			for _, p := range probs {
				offs = append(offs, p.Offset)
			}
			if !reflect.DeepEqual(offs, c.problems) {
				t.Errorf("problems at %v, want %v (%v)", offs, c.problems, probs)
			}
		})
	}
}

// TestParseBlanked reads INI text whose surroundings were blanked to
// spaces: the offsets are those of the original file.
func TestParseBlanked(t *testing.T) {
	yaml := "pgbouncer:\n  config: |\n    [pgbouncer]\n    auth_type = trust\nother: 1\n"
	start := strings.Index(yaml, "    [pgbouncer]")
	end := strings.Index(yaml, "other:")
	buf := []byte(yaml)
	for i := range buf {
		if (i < start || i >= end) && buf[i] != '\n' {
			buf[i] = ' '
		}
	}
	f, probs := Parse(buf)
	if len(probs) != 0 || len(f.Settings) != 1 {
		t.Fatalf("settings %v, problems %v", f.Settings, probs)
	}
	s := f.Settings[0]
	if got := yaml[s.ValueSpan.Start:s.ValueSpan.End]; got != "trust" || s.ValueSpan.Start != strings.Index(yaml, "trust") {
		t.Errorf("value span %v holds %q", s.ValueSpan, got)
	}
}

func TestLast(t *testing.T) {
	f, _ := Parse([]byte("[pgbouncer]\nauth_type = trust\n[databases]\nauth_type = x\n[pgbouncer]\nauth_type = md5\n"))
	if s := f.Last("pgbouncer", "auth_type"); s == nil || s.Value != "md5" {
		t.Errorf("Last = %v, want md5", s)
	}
	if s := f.Last("pgbouncer", "listen_addr"); s != nil {
		t.Errorf("Last of an absent key = %v", s)
	}
	if got := len(f.In("databases")); got != 1 {
		t.Errorf("In(databases) has %d settings, want 1", got)
	}
}

func TestParseConnString(t *testing.T) {
	cases := []struct {
		in   string
		want []Param
		ok   bool
	}{
		{"host=db dbname=app", []Param{{"host", "db", Span{0, 4}, Span{5, 7}, false}, {"dbname", "app", Span{8, 14}, Span{15, 18}, false}}, true},
		{"  password = 's3''cr et'  user=u", []Param{{"password", "s3'cr et", Span{2, 10}, Span{14, 23}, true}, {"user", "u", Span{26, 30}, Span{31, 32}, false}}, true},
		{"", nil, true},
		{"host", nil, false},
		{"host=", nil, false},
		{"=x", nil, false},
		{"password='open", nil, false},
		{"a=b c", []Param{{"a", "b", Span{0, 1}, Span{2, 3}, false}}, false},
		{"x=''", nil, false},
	}
	for _, c := range cases {
		got, ok := ParseConnString(c.in)
		if !reflect.DeepEqual(got, c.want) || ok != c.ok {
			t.Errorf("ParseConnString(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestParseUserList(t *testing.T) {
	cases := []struct {
		in   string
		want []User
		ok   bool
	}{
		{"\"marko\" \"asdasd\"\n;\"old\" \"x\"\n\n\"a\"\"b\"\t\"pw\" extra fields\n", []User{
			{"marko", "asdasd", Span{1, 6}, Span{9, 15}},
			{"a\"b", "pw", Span{30, 34}, Span{37, 39}},
		}, true},
		{"\"u\" \"\"", []User{{"u", "", Span{1, 2}, Span{5, 5}}}, true},
		{"", nil, true},
		{"alice:secret\n", nil, false},
		{"\"u\"\n\"pw\"\n", nil, false},
		{"\"u\" pw\n", nil, false},
		{"\"u\" \"pw\n", nil, false},
		{"# comment\n\"u\" \"pw\"\n", []User{{"u", "pw", Span{11, 12}, Span{15, 17}}}, true},
		{"--/etc/pgbouncer/userlist.txt\n\"u\" \"pw\"\n", nil, false},
	}
	for _, c := range cases {
		got, ok := ParseUserList([]byte(c.in))
		if !reflect.DeepEqual(got, c.want) || ok != c.ok {
			t.Errorf("ParseUserList(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
