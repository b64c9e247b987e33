package hba

import "testing"

func TestPrefix(t *testing.T) {
	f := func(v string) *Field { return &Field{Value: v} }
	cases := []struct {
		name       string
		addr, mask *Field
		want       string // "" when ok is false
	}{
		{name: "local", want: ""},
		{name: "all", addr: f("all")},
		{name: "samehost", addr: f("samehost")},
		{name: "samenet", addr: f("samenet")},
		{name: "quoted all is a host name", addr: &Field{Value: "all", Quoted: true}},
		{name: "host name", addr: f("db.example.com")},
		{name: "domain suffix", addr: f(".example.com")},
		{name: "cidr", addr: f("192.168.1.0/24"), want: "192.168.1.0/24"},
		{name: "cidr host bits", addr: f("192.168.1.77/24"), want: "192.168.1.0/24"},
		{name: "v4 any", addr: f("0.0.0.0/0"), want: "0.0.0.0/0"},
		{name: "v6 any", addr: f("::/0"), want: "::/0"},
		{name: "v6 host", addr: f("2001:db8::1/128"), want: "2001:db8::1/128"},
		{name: "v4-mapped v6", addr: f("::ffff:10.0.0.0/104"), want: "::ffff:10.0.0.0/104"},
		{name: "zone dropped", addr: f("fe80::1%eth0/10"), want: "fe80::/10"},
		{name: "mask", addr: f("10.0.0.0"), mask: f("255.0.0.0"), want: "10.0.0.0/8"},
		{name: "zero mask", addr: f("0.0.0.0"), mask: f("0.0.0.0"), want: "0.0.0.0/0"},
		{name: "full mask", addr: f("10.1.2.3"), mask: f("255.255.255.255"), want: "10.1.2.3/32"},
		{name: "short mask", addr: f("10.0.0.0"), mask: f("0"), want: "0.0.0.0/0"},
		{name: "v6 mask", addr: f("2001:db8::"), mask: f("ffff:ffff::"), want: "2001:db8::/32"},
		{name: "non-contiguous mask", addr: f("10.0.0.0"), mask: f("255.0.255.0")},
		{name: "family mismatch", addr: f("10.0.0.0"), mask: f("ffff::")},
		{name: "bad mask", addr: f("10.0.0.0"), mask: f("md5")},
		{name: "ip without mask", addr: f("10.0.0.0")},
		{name: "inet_aton one part", addr: f("0/0"), want: "0.0.0.0/0"},
		{name: "inet_aton two parts", addr: f("127.1/32"), want: "127.0.0.1/32"},
		{name: "inet_aton three parts", addr: f("10.1.258/32"), want: "10.1.1.2/32"},
		{name: "inet_aton hex", addr: f("0x0a000001/32"), want: "10.0.0.1/32"},
		{name: "inet_aton octal", addr: f("0177.0.0.1/8"), want: "127.0.0.0/8"},
		{name: "inet_aton max", addr: f("4294967295/32"), want: "255.255.255.255/32"},
		{name: "inet_aton too big", addr: f("4294967296/32")},
		{name: "inet_aton part too big", addr: f("256.0.0.1/32")},
		{name: "inet_aton last part too big", addr: f("1.2.3.256/32")},
		{name: "inet_aton five parts", addr: f("1.2.3.4.5/32")},
		{name: "inet_aton bad octal", addr: f("08.0.0.0/8")},
		{name: "inet_aton bare 0x", addr: f("0x/8")},
		{name: "inet_aton empty part", addr: f("1..2/8")},
		{name: "inet_aton trailing dot", addr: f("1.2./8")},
		{name: "bits with sign", addr: f("10.0.0.0/+8"), want: "10.0.0.0/8"},
		{name: "bits minus zero", addr: f("10.0.0.0/-0"), want: "0.0.0.0/0"},
		{name: "bits with space", addr: f("10.0.0.0/ 8"), want: "10.0.0.0/8"},
		{name: "bits with leading zero", addr: f("10.0.0.0/008"), want: "10.0.0.0/8"},
		{name: "negative bits", addr: f("10.0.0.0/-1")},
		{name: "empty bits", addr: f("10.0.0.0/")},
		{name: "sign only", addr: f("10.0.0.0/+")},
		{name: "trailing text", addr: f("10.0.0.0/8x")},
		{name: "too many bits", addr: f("10.0.0.0/33")},
		{name: "huge bits", addr: f("::/99999999999999999999999")},
		{name: "host name with bits", addr: f("db/8")},
		{name: "empty zone", addr: f("fe80::%/64")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Record{Address: c.addr, Mask: c.mask}
			got, ok := r.Prefix()
			switch {
			case c.want == "" && ok:
				t.Errorf("Prefix() = %v, want none", got)
			case c.want != "" && (!ok || got.String() != c.want):
				t.Errorf("Prefix() = %v, %v; want %s", got, ok, c.want)
			}
		})
	}
}
