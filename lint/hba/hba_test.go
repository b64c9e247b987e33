package hba

import (
	"strings"
	"testing"
)

// wf is an expected field: raw is the text at its span, val its Value.
type wf struct {
	raw, val string
	quoted   bool
}

// w is an unquoted field whose value is its text.
func w(raw string) wf { return wf{raw: raw, val: raw} }

// wq is a field with quotes.
func wq(raw, val string) wf { return wf{raw: raw, val: val, quoted: true} }

type wopt struct{ raw, name, value string }

type wrec struct {
	line     int
	text     string // src[Span]
	typ      wf
	dbs      []wf
	users    []wf
	addr     *wf
	mask     *wf
	method   wf
	opts     []wopt
	include  *wf
	prefix   string // Prefix(), or "" when ok is false
	noMethod bool   // include records
}

type wprob struct {
	off, line int
	at        string // src[off:] starts with this
	msg       string // substring of Msg
}

func p(f wf) *wf { return &f }

type parseCase struct {
	name  string
	in    string
	recs  []wrec
	probs []wprob
}

var all = w("all")

var parseCases = []parseCase{
	{name: "local peer", in: "local all all peer\n",
		recs: []wrec{{line: 1, text: "local all all peer", typ: w("local"), dbs: []wf{all}, users: []wf{all}, method: w("peer")}}},
	{name: "commented out trust", in: "# host all all 0.0.0.0/0 trust\n   #host all all ::/0 trust\n"},
	{name: "blank lines", in: "\n\n   \t\n\r\n"},
	{name: "empty", in: ""},
	{name: "host reject", in: "host all all 0.0.0.0/0 reject",
		recs: []wrec{{line: 1, text: "host all all 0.0.0.0/0 reject", typ: w("host"), dbs: []wf{all}, users: []wf{all},
			addr: p(w("0.0.0.0/0")), method: w("reject"), prefix: "0.0.0.0/0"}}},
	{name: "hostssl clientcert", in: "hostssl all all 0.0.0.0/0 scram-sha-256 clientcert=verify-full\n",
		recs: []wrec{{line: 1, text: "hostssl all all 0.0.0.0/0 scram-sha-256 clientcert=verify-full", typ: w("hostssl"),
			dbs: []wf{all}, users: []wf{all}, addr: p(w("0.0.0.0/0")), method: w("scram-sha-256"),
			opts: []wopt{{"clientcert=verify-full", "clientcert", "verify-full"}}, prefix: "0.0.0.0/0"}}},
	{name: "address mask", in: "host all all 192.168.0.0 255.255.0.0 md5\n",
		recs: []wrec{{line: 1, text: "host all all 192.168.0.0 255.255.0.0 md5", typ: w("host"), dbs: []wf{all}, users: []wf{all},
			addr: p(w("192.168.0.0")), mask: p(w("255.255.0.0")), method: w("md5"), prefix: "192.168.0.0/16"}}},
	{name: "zero mask", in: "host all all 0.0.0.0 0.0.0.0 trust",
		recs: []wrec{{line: 1, text: "host all all 0.0.0.0 0.0.0.0 trust", typ: w("host"), dbs: []wf{all}, users: []wf{all},
			addr: p(w("0.0.0.0")), mask: p(w("0.0.0.0")), method: w("trust"), prefix: "0.0.0.0/0"}}},
	{name: "ipv6 mask", in: "hostnossl all all fe80:: ffff:ffff:ffff:ffff:: password",
		recs: []wrec{{line: 1, text: "hostnossl all all fe80:: ffff:ffff:ffff:ffff:: password", typ: w("hostnossl"),
			dbs: []wf{all}, users: []wf{all}, addr: p(w("fe80::")), mask: p(w("ffff:ffff:ffff:ffff::")),
			method: w("password"), prefix: "fe80::/64"}}},
	{name: "quoted all", in: `host "all" "all" "all" trust`,
		recs: []wrec{{line: 1, text: `host "all" "all" "all" trust`, typ: w("host"), dbs: []wf{wq(`"all"`, "all")},
			users: []wf{wq(`"all"`, "all")}, addr: p(wq(`"all"`, "all")), method: w("trust")}}},
	{name: "quoted ip is still an ip", in: `host all all "10.0.0.0/8" md5`,
		recs: []wrec{{line: 1, text: `host all all "10.0.0.0/8" md5`, typ: w("host"), dbs: []wf{all}, users: []wf{all},
			addr: p(wq(`"10.0.0.0/8"`, "10.0.0.0/8")), method: w("md5"), prefix: "10.0.0.0/8"}}},
	{name: "user file and group", in: "local sameuser @admins,+dba md5\n",
		recs: []wrec{{line: 1, text: "local sameuser @admins,+dba md5", typ: w("local"), dbs: []wf{w("sameuser")},
			users: []wf{w("@admins"), w("+dba")}, method: w("md5")}}},
	{name: "regex user", in: `local all /^.*helpdesk$ scram-sha-256`,
		recs: []wrec{{line: 1, text: `local all /^.*helpdesk$ scram-sha-256`, typ: w("local"), dbs: []wf{all},
			users: []wf{w("/^.*helpdesk$")}, method: w("scram-sha-256")}}},
	{name: "ipv6 everything", in: "host all all ::/0 md5\nhost all all ::1/128 trust\n",
		recs: []wrec{
			{line: 1, text: "host all all ::/0 md5", typ: w("host"), dbs: []wf{all}, users: []wf{all},
				addr: p(w("::/0")), method: w("md5"), prefix: "::/0"},
			{line: 2, text: "host all all ::1/128 trust", typ: w("host"), dbs: []wf{all}, users: []wf{all},
				addr: p(w("::1/128")), method: w("trust"), prefix: "::1/128"},
		}},
	{name: "ipv6 zone", in: "host all all fe80::1%eth0/64 trust\nhost all all fe80::1%eth0 ffff:: md5\n",
		recs: []wrec{
			{line: 1, text: "host all all fe80::1%eth0/64 trust", typ: w("host"), dbs: []wf{all}, users: []wf{all},
				addr: p(w("fe80::1%eth0/64")), method: w("trust"), prefix: "fe80::/64"},
			{line: 2, text: "host all all fe80::1%eth0 ffff:: md5", typ: w("host"), dbs: []wf{all}, users: []wf{all},
				addr: p(w("fe80::1%eth0")), mask: p(w("ffff::")), method: w("md5"), prefix: "fe80::/16"},
		}},
	{name: "inet_aton forms", in: "host all all 0/0 trust\nhost all all 127.1/32 trust\nhost all all 10.1 255.255.0.0 md5\nhost all all 012.0.0.0/8 md5\n",
		recs: []wrec{
			{line: 1, text: "host all all 0/0 trust", typ: w("host"), dbs: []wf{all}, users: []wf{all},
				addr: p(w("0/0")), method: w("trust"), prefix: "0.0.0.0/0"},
			{line: 2, text: "host all all 127.1/32 trust", typ: w("host"), dbs: []wf{all}, users: []wf{all},
				addr: p(w("127.1/32")), method: w("trust"), prefix: "127.0.0.1/32"},
			{line: 3, text: "host all all 10.1 255.255.0.0 md5", typ: w("host"), dbs: []wf{all}, users: []wf{all},
				addr: p(w("10.1")), mask: p(w("255.255.0.0")), method: w("md5"), prefix: "10.0.0.0/16"},
			{line: 4, text: "host all all 012.0.0.0/8 md5", typ: w("host"), dbs: []wf{all}, users: []wf{all},
				addr: p(w("012.0.0.0/8")), method: w("md5"), prefix: "10.0.0.0/8"},
		}},
	{name: "host bits are cleared", in: "host all all 10.1.2.3/8 md5",
		recs: []wrec{{line: 1, text: "host all all 10.1.2.3/8 md5", typ: w("host"), dbs: []wf{all}, users: []wf{all},
			addr: p(w("10.1.2.3/8")), method: w("md5"), prefix: "10.0.0.0/8"}}},
	{name: "host names and keywords", in: "host all all .example.com md5\nhost all all db.example.com md5\nhost all all samehost md5\nhostgssenc all all samenet gss\nhostnogssenc all all all scram-sha-256\n",
		recs: []wrec{
			{line: 1, text: "host all all .example.com md5", typ: w("host"), dbs: []wf{all}, users: []wf{all}, addr: p(w(".example.com")), method: w("md5")},
			{line: 2, text: "host all all db.example.com md5", typ: w("host"), dbs: []wf{all}, users: []wf{all}, addr: p(w("db.example.com")), method: w("md5")},
			{line: 3, text: "host all all samehost md5", typ: w("host"), dbs: []wf{all}, users: []wf{all}, addr: p(w("samehost")), method: w("md5")},
			{line: 4, text: "hostgssenc all all samenet gss", typ: w("hostgssenc"), dbs: []wf{all}, users: []wf{all}, addr: p(w("samenet")), method: w("gss")},
			{line: 5, text: "hostnogssenc all all all scram-sha-256", typ: w("hostnogssenc"), dbs: []wf{all}, users: []wf{all}, addr: p(all), method: w("scram-sha-256")},
		}},
	{name: "line continuation", in: "host all all \\\n  10.0.0.0/8 md5\nlocal all all peer\n",
		recs: []wrec{
			{line: 1, text: "host all all \\\n  10.0.0.0/8 md5", typ: w("host"), dbs: []wf{all}, users: []wf{all},
				addr: p(w("10.0.0.0/8")), method: w("md5"), prefix: "10.0.0.0/8"},
			{line: 3, text: "local all all peer", typ: w("local"), dbs: []wf{all}, users: []wf{all}, method: w("peer")},
		}},
	{name: "continuation inside a field", in: "hostss\\\nl all all 10.0.0.0/8 md5",
		recs: []wrec{{line: 1, text: "hostss\\\nl all all 10.0.0.0/8 md5", typ: wf{raw: "hostss\\\nl", val: "hostssl"},
			dbs: []wf{all}, users: []wf{all}, addr: p(w("10.0.0.0/8")), method: w("md5"), prefix: "10.0.0.0/8"}}},
	{name: "continuation inside quotes", in: "local \"my \\\ndb\" all peer",
		recs: []wrec{{line: 1, text: "local \"my \\\ndb\" all peer", typ: w("local"), dbs: []wf{wq("\"my \\\ndb\"", "my db")},
			users: []wf{all}, method: w("peer")}}},
	{name: "continuation of a comment swallows the next line", in: "# old rule \\\nhost all all 0.0.0.0/0 trust\nlocal all all peer\n",
		recs: []wrec{{line: 3, text: "local all all peer", typ: w("local"), dbs: []wf{all}, users: []wf{all}, method: w("peer")}}},
	{name: "continuation starting with a blank line", in: "\\\nlocal all all peer",
		recs: []wrec{{line: 2, text: "local all all peer", typ: w("local"), dbs: []wf{all}, users: []wf{all}, method: w("peer")}}},
	{name: "continuation at end of file", in: "local all all peer \\",
		recs: []wrec{{line: 1, text: "local all all peer", typ: w("local"), dbs: []wf{all}, users: []wf{all}, method: w("peer")}}},
	{name: "backslash not at the end is literal", in: `local all dom\user peer`,
		recs: []wrec{{line: 1, text: `local all dom\user peer`, typ: w("local"), dbs: []wf{all}, users: []wf{w(`dom\user`)}, method: w("peer")}}},
	{name: "crlf", in: "local all all peer\r\nhost all all 10.0.0.0/8 md5\r\n",
		recs: []wrec{
			{line: 1, text: "local all all peer", typ: w("local"), dbs: []wf{all}, users: []wf{all}, method: w("peer")},
			{line: 2, text: "host all all 10.0.0.0/8 md5", typ: w("host"), dbs: []wf{all}, users: []wf{all},
				addr: p(w("10.0.0.0/8")), method: w("md5"), prefix: "10.0.0.0/8"},
		}},
	{name: "crlf continuation", in: "host all all \\\r\n10.0.0.0/8 md5\r\n",
		recs: []wrec{{line: 1, text: "host all all \\\r\n10.0.0.0/8 md5", typ: w("host"), dbs: []wf{all}, users: []wf{all},
			addr: p(w("10.0.0.0/8")), method: w("md5"), prefix: "10.0.0.0/8"}}},
	{name: "tabs", in: "host\tall\t all\t\t10.0.0.0/8\tmd5\t# comment",
		recs: []wrec{{line: 1, text: "host\tall\t all\t\t10.0.0.0/8\tmd5", typ: w("host"), dbs: []wf{all}, users: []wf{all},
			addr: p(w("10.0.0.0/8")), method: w("md5"), prefix: "10.0.0.0/8"}}},
	{name: "bom", in: "\uFEFFlocal all all peer\n",
		recs:  []wrec{{line: 1, text: "local all all peer", typ: w("local"), dbs: []wf{all}, users: []wf{all}, method: w("peer")}},
		probs: []wprob{{off: 0, line: 1, at: "\uFEFF", msg: "byte order mark"}}},
	{name: "quoted list elements", in: `host "a,b",c all 10.0.0.0/8 md5`,
		recs: []wrec{{line: 1, text: `host "a,b",c all 10.0.0.0/8 md5`, typ: w("host"), dbs: []wf{wq(`"a,b"`, "a,b"), w("c")},
			users: []wf{all}, addr: p(w("10.0.0.0/8")), method: w("md5"), prefix: "10.0.0.0/8"}}},
	// "db1, db2" is one field; ",db3" is the next one, its comma skipped.
	{name: "comma then space continues the list", in: "local db1, db2 ,db3 peer",
		recs: []wrec{{line: 1, text: "local db1, db2 ,db3 peer", typ: w("local"), dbs: []wf{w("db1"), w("db2")},
			users: []wf{w("db3")}, method: w("peer")}}},
	{name: "quotes inside fields", in: `local "x""y",ab"c d"e,"" all peer`,
		recs: []wrec{{line: 1, text: `local "x""y",ab"c d"e,"" all peer`, typ: w("local"),
			dbs:   []wf{wq(`"x""y"`, `x"y`), {raw: `ab"c d"e`, val: "abc de"}, wq(`""`, "")},
			users: []wf{all}, method: w("peer")}}},
	{name: "hash and space in quotes", in: `local "a #b" all peer # real comment`,
		recs: []wrec{{line: 1, text: `local "a #b" all peer`, typ: w("local"), dbs: []wf{wq(`"a #b"`, "a #b")},
			users: []wf{all}, method: w("peer")}}},
	{name: "comment glued to a field", in: "host all all 10.0.0.0/8 md5#note",
		recs: []wrec{{line: 1, text: "host all all 10.0.0.0/8 md5", typ: w("host"), dbs: []wf{all}, users: []wf{all},
			addr: p(w("10.0.0.0/8")), method: w("md5"), prefix: "10.0.0.0/8"}}},
	{name: "quoted type and method", in: `"local" all all "trust"`,
		recs: []wrec{{line: 1, text: `"local" all all "trust"`, typ: wq(`"local"`, "local"), dbs: []wf{all}, users: []wf{all},
			method: wq(`"trust"`, "trust")}}},
	{name: "ldap options", in: `host all all 10.0.0.0/8 ldap ldapserver=ldap.example.net "ldapprefix=cn=" ldapsuffix=", dc=example, dc=net"`,
		recs: []wrec{{line: 1, text: `host all all 10.0.0.0/8 ldap ldapserver=ldap.example.net "ldapprefix=cn=" ldapsuffix=", dc=example, dc=net"`,
			typ: w("host"), dbs: []wf{all}, users: []wf{all}, addr: p(w("10.0.0.0/8")), method: w("ldap"), prefix: "10.0.0.0/8",
			opts: []wopt{
				{"ldapserver=ldap.example.net", "ldapserver", "ldap.example.net"},
				{`"ldapprefix=cn="`, "ldapprefix", "cn="},
				{`ldapsuffix=", dc=example, dc=net"`, "ldapsuffix", ", dc=example, dc=net"},
			}}}},
	{name: "oauth (PostgreSQL 18)", in: `hostssl all all 10.0.0.0/8 oauth issuer="https://idp.example.com" scope="openid"`,
		recs: []wrec{{line: 1, text: `hostssl all all 10.0.0.0/8 oauth issuer="https://idp.example.com" scope="openid"`,
			typ: w("hostssl"), dbs: []wf{all}, users: []wf{all}, addr: p(w("10.0.0.0/8")), method: w("oauth"), prefix: "10.0.0.0/8",
			opts: []wopt{{`issuer="https://idp.example.com"`, "issuer", "https://idp.example.com"}, {`scope="openid"`, "scope", "openid"}}}}},
	{name: "option list", in: `host all all 10.0.0.0/8 radius radiusservers="a,b",radiussecrets=s1`,
		recs: []wrec{{line: 1, text: `host all all 10.0.0.0/8 radius radiusservers="a,b",radiussecrets=s1`,
			typ: w("host"), dbs: []wf{all}, users: []wf{all}, addr: p(w("10.0.0.0/8")), method: w("radius"), prefix: "10.0.0.0/8",
			opts: []wopt{{`radiusservers="a,b"`, "radiusservers", "a,b"}, {"radiussecrets=s1", "radiussecrets", "s1"}}}}},
	{name: "includes", in: "include other.conf\ninclude_if_exists \"my file.conf\"\ninclude_dir conf.d # dir\n",
		recs: []wrec{
			{line: 1, text: "include other.conf", typ: w("include"), include: p(w("other.conf")), noMethod: true},
			{line: 2, text: `include_if_exists "my file.conf"`, typ: w("include_if_exists"), include: p(wq(`"my file.conf"`, "my file.conf")), noMethod: true},
			{line: 3, text: "include_dir conf.d", typ: w("include_dir"), include: p(w("conf.d")), noMethod: true},
		}},
	{name: "all record types", in: "local all all trust\nhost all all 127.0.0.1/32 trust\nhostssl all all ::1/128 cert\nhostnossl all all 10.0.0.0/8 reject\nhostgssenc all all 10.0.0.0/8 gss\nhostnogssenc all all 10.0.0.0/8 sspi\nlocal all all ident\nlocal all all pam\nlocal all all bsd\n",
		recs: []wrec{
			{line: 1, text: "local all all trust", typ: w("local"), dbs: []wf{all}, users: []wf{all}, method: w("trust")},
			{line: 2, text: "host all all 127.0.0.1/32 trust", typ: w("host"), dbs: []wf{all}, users: []wf{all}, addr: p(w("127.0.0.1/32")), method: w("trust"), prefix: "127.0.0.1/32"},
			{line: 3, text: "hostssl all all ::1/128 cert", typ: w("hostssl"), dbs: []wf{all}, users: []wf{all}, addr: p(w("::1/128")), method: w("cert"), prefix: "::1/128"},
			{line: 4, text: "hostnossl all all 10.0.0.0/8 reject", typ: w("hostnossl"), dbs: []wf{all}, users: []wf{all}, addr: p(w("10.0.0.0/8")), method: w("reject"), prefix: "10.0.0.0/8"},
			{line: 5, text: "hostgssenc all all 10.0.0.0/8 gss", typ: w("hostgssenc"), dbs: []wf{all}, users: []wf{all}, addr: p(w("10.0.0.0/8")), method: w("gss"), prefix: "10.0.0.0/8"},
			{line: 6, text: "hostnogssenc all all 10.0.0.0/8 sspi", typ: w("hostnogssenc"), dbs: []wf{all}, users: []wf{all}, addr: p(w("10.0.0.0/8")), method: w("sspi"), prefix: "10.0.0.0/8"},
			{line: 7, text: "local all all ident", typ: w("local"), dbs: []wf{all}, users: []wf{all}, method: w("ident")},
			{line: 8, text: "local all all pam", typ: w("local"), dbs: []wf{all}, users: []wf{all}, method: w("pam")},
			{line: 9, text: "local all all bsd", typ: w("local"), dbs: []wf{all}, users: []wf{all}, method: w("bsd")},
		}},

	// Problems. Each bad line is dropped and the next one still parsed.
	{name: "too few fields for host", in: "host all all md5\nlocal all all peer\n",
		recs:  []wrec{{line: 2, text: "local all all peer", typ: w("local"), dbs: []wf{all}, users: []wf{all}, method: w("peer")}},
		probs: []wprob{{off: 16, line: 1, at: "\n", msg: "too few fields for a host record (no auth method): want type, database, user, address, method"}}},
	{name: "too few fields for local", in: "local all\n",
		probs: []wprob{{off: 9, line: 1, at: "\n", msg: "too few fields for a local record (no user): want type, database, user, method"}}},
	{name: "no address", in: "hostssl all all  # comment",
		probs: []wprob{{off: 15, line: 1, at: "  #", msg: "(no address)"}}},
	{name: "type only", in: "host",
		probs: []wprob{{off: 4, line: 1, msg: "(no database)"}}},
	{name: "unterminated quote", in: "local all all peer\nlocal \"all all peer\nlocal all all md5\n",
		recs: []wrec{
			{line: 1, text: "local all all peer", typ: w("local"), dbs: []wf{all}, users: []wf{all}, method: w("peer")},
			{line: 3, text: "local all all md5", typ: w("local"), dbs: []wf{all}, users: []wf{all}, method: w("md5")},
		},
		probs: []wprob{{off: 25, line: 2, at: `"all all peer`, msg: "unterminated double quote"}}},
	{name: "unknown record type", in: "hots all all 10.0.0.0/8 md5",
		probs: []wprob{{off: 0, line: 1, at: "hots", msg: `invalid connection type "hots"`}}},
	{name: "record types are case-sensitive", in: "HOST all all 0.0.0.0/0 trust\nLocal all all trust",
		probs: []wprob{
			{off: 0, line: 1, at: "HOST", msg: `invalid connection type "HOST" (record types are case-sensitive)`},
			{off: 29, line: 2, at: "Local", msg: `invalid connection type "Local" (record types are case-sensitive)`},
		}},
	{name: "unknown method", in: "host all all 10.0.0.0/8 md4",
		probs: []wprob{{off: 24, line: 1, at: "md4", msg: `invalid authentication method "md4"`}}},
	{name: "methods are case-sensitive", in: "local all all Trust",
		probs: []wprob{{off: 14, line: 1, at: "Trust", msg: `invalid authentication method "Trust"`}}},
	{name: "address without netmask", in: "host all all 10.0.0.1 md5",
		probs: []wprob{{off: 22, line: 1, at: "md5", msg: `invalid IP mask "md5": write the address as 10.0.0.1/32`}}},
	{name: "netmask missing at end of line", in: "host all all 10.0.0.1",
		probs: []wprob{{off: 21, line: 1, msg: `end of line before the netmask of "10.0.0.1"`}}},
	{name: "non-contiguous netmask", in: "host all all 10.0.0.0 255.0.255.0 md5",
		probs: []wprob{{off: 22, line: 1, at: "255.0.255.0", msg: `netmask "255.0.255.0" is not contiguous`}}},
	{name: "netmask of the wrong family", in: "host all all 10.0.0.0 ffff:: md5",
		probs: []wprob{{off: 22, line: 1, at: "ffff::", msg: "do not match"}}},
	{name: "cidr length too long", in: "host all all 10.0.0.0/33 md5\nhost all all ::/129 md5\nhost all all 10.0.0.0/x md5",
		probs: []wprob{
			{off: 13, line: 1, at: "10.0.0.0/33", msg: `invalid CIDR mask in address "10.0.0.0/33": want 0 to 32 bits`},
			{off: 42, line: 2, at: "::/129", msg: `want 0 to 128 bits`},
			{off: 66, line: 3, at: "10.0.0.0/x", msg: `invalid CIDR mask`},
		}},
	{name: "host name with cidr", in: "host all all db.example.com/24 md5",
		probs: []wprob{{off: 13, line: 1, at: "db.example.com/24", msg: "specifying both host name and CIDR mask is invalid"}}},
	{name: "option without equals", in: "host all all 10.0.0.0/8 ldap ldapserver",
		probs: []wprob{{off: 29, line: 1, at: "ldapserver", msg: `authentication option not in name=value format: "ldapserver"`}}},
	{name: "several values where one is allowed", in: "host,local all all 10.0.0.0/8 md5\nhost all all 10.0.0.0/8,::/0 md5\nhost all all 10.0.0.0/8 md5,trust\nhost all all 10.0.0.0 255.0.0.0,0 md5",
		probs: []wprob{
			{off: 5, line: 1, at: "local", msg: "multiple values specified for the connection type"},
			{off: 58, line: 2, at: "::/0", msg: "multiple values specified for the host address"},
			{off: 95, line: 3, at: "trust", msg: "multiple values specified for the authentication method"},
			{off: 133, line: 4, at: "0 md5", msg: "multiple values specified for the netmask"},
		}},
	{name: "include without a file", in: "include\ninclude a b\n",
		probs: []wprob{
			{off: 7, line: 1, at: "\n", msg: "include needs a file name"},
			{off: 18, line: 2, at: "b", msg: "include takes exactly one file name"},
		}},
	{name: "problem on a continued line", in: "host all all \\\n 10.0.0.0/8 md6\n",
		probs: []wprob{{off: 27, line: 2, at: "md6", msg: `invalid authentication method "md6"`}}},
	{name: "nul byte", in: "local all all peer\x00 junk\nlocal all all md5\n",
		recs: []wrec{
			{line: 1, text: "local all all peer", typ: w("local"), dbs: []wf{all}, users: []wf{all}, method: w("peer")},
			{line: 2, text: "local all all md5", typ: w("local"), dbs: []wf{all}, users: []wf{all}, method: w("md5")},
		},
		probs: []wprob{{off: 18, line: 1, at: "\x00", msg: "NUL byte"}}},
}

func TestParse(t *testing.T) {
	for _, c := range parseCases {
		t.Run(c.name, func(t *testing.T) {
			src := []byte(c.in)
			recs, probs := Parse(src)
			checkInvariants(t, src, recs, probs)
			if len(recs) != len(c.recs) {
				t.Fatalf("got %d records, want %d: %+v\nproblems: %+v", len(recs), len(c.recs), recs, probs)
			}
			for i, want := range c.recs {
				checkRecord(t, src, &recs[i], want)
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

func checkField(t *testing.T, src []byte, what string, got Field, want wf) {
	t.Helper()
	if raw := string(src[got.Span.Start:got.Span.End]); raw != want.raw || got.Value != want.val || got.Quoted != want.quoted {
		t.Errorf("%s = %q (raw %q, quoted %v), want %q (raw %q, quoted %v)", what, got.Value, raw, got.Quoted, want.val, want.raw, want.quoted)
	}
}

func checkFieldPtr(t *testing.T, src []byte, what string, got *Field, want *wf) {
	t.Helper()
	switch {
	case got == nil && want == nil:
	case got == nil || want == nil:
		t.Errorf("%s = %v, want %v", what, got, want)
	default:
		checkField(t, src, what, *got, *want)
	}
}

func checkFields(t *testing.T, src []byte, what string, got []Field, want []wf) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s = %+v, want %d elements", what, got, len(want))
		return
	}
	for i := range got {
		checkField(t, src, what, got[i], want[i])
	}
}

func checkRecord(t *testing.T, src []byte, r *Record, want wrec) {
	t.Helper()
	if r.Line != want.line {
		t.Errorf("Line = %d, want %d", r.Line, want.line)
	}
	if text := string(src[r.Span.Start:r.Span.End]); text != want.text {
		t.Errorf("record text = %q, want %q", text, want.text)
	}
	checkField(t, src, "Type", r.Type, want.typ)
	checkFields(t, src, "Databases", r.Databases, want.dbs)
	checkFields(t, src, "Users", r.Users, want.users)
	checkFieldPtr(t, src, "Address", r.Address, want.addr)
	checkFieldPtr(t, src, "Mask", r.Mask, want.mask)
	checkFieldPtr(t, src, "Include", r.Include, want.include)
	if want.noMethod {
		if r.Method != (Field{}) {
			t.Errorf("Method = %+v, want none", r.Method)
		}
	} else {
		checkField(t, src, "Method", r.Method, want.method)
	}
	if len(r.Options) != len(want.opts) {
		t.Errorf("Options = %+v, want %+v", r.Options, want.opts)
	} else {
		for i, o := range r.Options {
			if raw := string(src[o.Span.Start:o.Span.End]); raw != want.opts[i].raw || o.Name != want.opts[i].name || o.Value != want.opts[i].value {
				t.Errorf("option %d = %q=%q (raw %q), want %+v", i, o.Name, o.Value, raw, want.opts[i])
			}
		}
	}
	pfx, ok := r.Prefix()
	if got := pfx.String(); !ok && want.prefix != "" || ok && got != want.prefix {
		t.Errorf("Prefix() = %v, %v; want %q", pfx, ok, want.prefix)
	}
	if r.IsInclude() != (want.include != nil) {
		t.Errorf("IsInclude() = %v", r.IsInclude())
	}
}

func TestOptionValue(t *testing.T) {
	recs, _ := Parse([]byte("hostssl all all 0.0.0.0/0 cert clientcert=verify-ca map=m clientcert=verify-full"))
	if len(recs) != 1 {
		t.Fatal(recs)
	}
	if v, ok := recs[0].OptionValue("clientcert"); !ok || v != "verify-full" {
		t.Errorf("clientcert = %q, %v; want the last one", v, ok)
	}
	if v, ok := recs[0].OptionValue("include_realm"); ok {
		t.Errorf("include_realm = %q, want unset", v)
	}
}

// checkInvariants holds for any input.
func checkInvariants(t *testing.T, src []byte, recs []Record, probs []Problem) {
	t.Helper()
	ls := newLines(src)
	inFile := func(what string, s Span) {
		if s.Start < 0 || s.End > len(src) || s.Start > s.End {
			t.Fatalf("%s span %+v out of [0,%d]", what, s, len(src))
		}
	}
	within := func(what string, s, outer Span) {
		inFile(what, s)
		if s.Start < outer.Start || s.End > outer.End || s.Start == s.End {
			t.Fatalf("%s span %+v not inside record %+v", what, s, outer)
		}
	}
	// A field written without quotes, backslashes or line breaks is its
	// own value.
	plain := func(f Field) {
		raw := string(src[f.Span.Start:f.Span.End])
		if !strings.ContainsAny(raw, "\"\\\n\r") && (f.Value != raw || f.Quoted) {
			t.Fatalf("field %+v written as %q", f, raw)
		}
	}
	for _, r := range recs {
		inFile("record", r.Span)
		plain(r.Type)
		if !connTypes[r.Type.Value] && !includeTypes[r.Type.Value] {
			t.Fatalf("record of type %q", r.Type.Value)
		}
		if r.Include == nil && !methods[r.Method.Value] {
			t.Fatalf("record with method %q", r.Method.Value)
		}
		if (r.Address == nil) != (r.Type.Value == "local" || r.Include != nil) {
			t.Fatalf("record %+v: address %v", r, r.Address)
		}
		if r.Line < 1 || r.Line != ls.line(r.Span.Start) {
			t.Fatalf("record line %d at offset %d", r.Line, r.Span.Start)
		}
		within("type", r.Type.Span, r.Span)
		for _, f := range append(append([]Field{}, r.Databases...), r.Users...) {
			within("list element", f.Span, r.Span)
		}
		for _, f := range []*Field{r.Address, r.Mask, r.Include} {
			if f != nil {
				within("field", f.Span, r.Span)
			}
		}
		if r.Include == nil {
			within("method", r.Method.Span, r.Span)
			if len(r.Databases) == 0 || len(r.Users) == 0 {
				t.Fatalf("record without databases or users: %+v", r)
			}
		}
		for _, o := range r.Options {
			within("option", o.Span, r.Span)
		}
		if pfx, ok := r.Prefix(); ok && !pfx.IsValid() {
			t.Fatalf("Prefix() = %v, true", pfx)
		}
	}
	for _, p := range probs {
		if p.Offset < 0 || p.Offset > len(src) || p.Line < 1 || p.Line != ls.line(p.Offset) || p.Msg == "" {
			t.Fatalf("bad problem %+v for %d bytes", p, len(src))
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, c := range parseCases {
		f.Add([]byte(c.in))
	}
	for _, s := range []string{"\"", "\\", "\\\n", "\\\r\n\\", "host a b 1.2.3.4", "host a b ::", "host a b 1/", "#\\\n\"",
		"host all all 0x 0x trust", "host all all 1.2.3.4.5/0 trust", "host all all 4294967295 0 md5", "\uFEFF", "\x00", ",,,",
		"include", "host all all fe80::%/1 md5", "host all all \"10.0.0.0/ 8\" md5", "host all all 10.0.0.0/-0 trust"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		recs, probs := Parse(src)
		checkInvariants(t, src, recs, probs)
	})
}
