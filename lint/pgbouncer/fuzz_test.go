package pgbouncer

import (
	"strings"
	"testing"
)

// checkINI holds Parse's guarantees on any input: spans inside the input
// and in order, keys and values exactly the bytes of their spans, problems
// at offsets inside the input.
func checkINI(t *testing.T, src []byte) {
	t.Helper()
	f, probs := Parse(src)
	last := 0
	for _, s := range f.Settings {
		ks, vs := s.KeySpan, s.ValueSpan
		if ks.Start < last || ks.Start > ks.End || ks.End > vs.Start || vs.Start > vs.End || vs.End > len(src) {
			t.Fatalf("spans out of order: %+v after %d", s, last)
		}
		if string(src[ks.Start:ks.End]) != s.Key || string(src[vs.Start:vs.End]) != s.Value {
			t.Fatalf("setting %+v does not match its spans", s)
		}
		if strings.Contains(s.Value, "\n") || s.Key == "" {
			t.Fatalf("setting %+v spans lines or has no key", s)
		}
		last = vs.End
	}
	for _, in := range f.Includes {
		if in.Span.Start < 0 || in.Span.Start > in.Span.End || in.Span.End > len(src) {
			t.Fatalf("include span %v out of range", in.Span)
		}
	}
	for _, p := range probs {
		if p.Offset < 0 || p.Offset > len(src) || p.Msg == "" {
			t.Fatalf("problem %+v out of range", p)
		}
	}
	// Blanking everything but one line keeps that line's settings where
	// they were.
	if n := strings.IndexByte(string(src), '\n'); n >= 0 {
		buf := append([]byte(nil), src...)
		for i := range buf[:n] {
			buf[i] = ' '
		}
		g, _ := Parse(buf)
		for _, s := range g.Settings {
			if string(src[s.ValueSpan.Start:s.ValueSpan.End]) != s.Value {
				t.Fatalf("blanked input: setting %+v is not at its offsets in the original", s)
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"[databases]\n* = host=db port=5432 password='x''y'\n[pgbouncer]\nlisten_addr = *\nauth_type = md5\n",
		"  ; comment\n# comment\n[pgbouncer] auth_type = trust\r\n", "%include x.ini\n", "%include", "'", "''=", "'a'=b", "[", "[]",
		"=", "a", "a =", "\uFEFF", "\xff", "a = b\n\n\t c.d-e* = f  \n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkINI(t, src)
	})
}

func FuzzParseConnString(f *testing.F) {
	for _, s := range []string{"host=db dbname=app password='a''b c'", "a", "a=", "=b", "a='", "a = b  c = 'd'", "''"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps, _ := ParseConnString(s)
		last := 0
		for _, p := range ps {
			if p.KeySpan.Start < last || p.KeySpan.End > p.ValueSpan.Start || p.ValueSpan.End > len(s) || p.ValueSpan.Start > p.ValueSpan.End {
				t.Fatalf("spans out of order: %+v", p)
			}
			if s[p.KeySpan.Start:p.KeySpan.End] != p.Key || p.Value == "" {
				t.Fatalf("param %+v does not match its key span or is empty", p)
			}
			raw := s[p.ValueSpan.Start:p.ValueSpan.End]
			if p.Quoted {
				raw = strings.ReplaceAll(raw, "''", "'")
			}
			if raw != p.Value {
				t.Fatalf("param %+v: value is not its span decoded (%q)", p, s[p.ValueSpan.Start:p.ValueSpan.End])
			}
			last = p.ValueSpan.End
		}
	})
}

func FuzzParseUserList(f *testing.F) {
	for _, s := range []string{"\"u\" \"p\"\n", "\"a\"\"b\" \"\"\n;x\n", "\"", "\"u\" ", "\"u\" \"", "x"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		users, _ := ParseUserList(src)
		last := 0
		for _, u := range users {
			ns, ps := u.NameSpan, u.PasswordSpan
			if ns.Start < last || ns.Start > ns.End || ns.End >= ps.Start || ps.Start > ps.End || ps.End > len(src) {
				t.Fatalf("spans out of order: %+v", u)
			}
			if strings.ReplaceAll(string(src[ps.Start:ps.End]), `""`, `"`) != u.Password ||
				strings.ReplaceAll(string(src[ns.Start:ns.End]), `""`, `"`) != u.Name {
				t.Fatalf("user %+v is not its spans decoded", u)
			}
			last = ps.End
		}
	})
}
