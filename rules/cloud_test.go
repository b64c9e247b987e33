package rules

import (
	"net/netip"
	"strings"
	"testing"
)

func TestYAMLTagged(t *testing.T) {
	for _, tc := range []struct {
		src  string // the value starts at "^", which is removed
		want bool
	}{
		{"Engine: ^postgres", false},
		{"Engine: !Ref ^Engine", true},
		{"Engine: !Sub \"^${Engine}\"", true},
		{"Engine: !!str ^postgres", false},
		{"- !GetAtt ^Db.Endpoint", true},
		{"{Engine: !Ref ^E}", true},
		{"Name: \"^!Ref\"", false},
		{"^x", false},
	} {
		i := strings.IndexByte(tc.src, '^')
		src := []byte(tc.src[:i] + tc.src[i+1:])
		if got := yamlTagged(src, i); got != tc.want {
			t.Errorf("yamlTagged(%q) = %v, want %v", tc.src, got, tc.want)
		}
	}
}

func TestCoveringPrefix(t *testing.T) {
	for _, tc := range []struct{ first, last, want string }{
		{"0.0.0.0", "255.255.255.255", "0.0.0.0/0"},
		{"203.0.113.10", "203.0.113.20", "203.0.113.0/27"},
		{"198.51.0.0", "198.51.255.255", "198.51.0.0/16"},
		{"10.1.2.3", "10.1.2.3", "10.1.2.3/32"},
		{"127.255.255.255", "128.0.0.0", "0.0.0.0/0"},
	} {
		got := coveringPrefix(netip.MustParseAddr(tc.first), netip.MustParseAddr(tc.last))
		if got.String() != tc.want {
			t.Errorf("coveringPrefix(%s, %s) = %s, want %s", tc.first, tc.last, got, tc.want)
		}
	}
}

func TestWeakPasswordEncryption(t *testing.T) {
	for _, tc := range []struct {
		v    string
		weak bool
	}{
		{"md5", true}, {"MD5", true}, {" md5 ", true}, {"on", true}, {"TRUE", true}, {"1", true}, {"off", true}, {"plain", true},
		{"scram-sha-256", false}, {"", false}, {"o", false}, {"md", false},
	} {
		if _, got := weakPasswordEncryption(tc.v); got != tc.weak {
			t.Errorf("weakPasswordEncryption(%q) = %v, want %v", tc.v, got, tc.weak)
		}
	}
}

// FuzzYAMLTagged checks that the tag scan never reads outside the source,
// whatever the offset.
func FuzzYAMLTagged(f *testing.F) {
	f.Add([]byte("Engine: !Ref Engine"), 13)
	f.Add([]byte("'"), 1)
	f.Fuzz(func(t *testing.T, src []byte, start int) {
		if start < 0 || start > len(src) {
			return
		}
		yamlTagged(src, start)
	})
}
