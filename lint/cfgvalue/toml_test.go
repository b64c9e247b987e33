package cfgvalue

import (
	"strings"
	"testing"
)

var tomlCases = []valueCase{
	{
		name: "pyproject with a database table",
		src: `[project]
name = "orders"
version = "1.4.0"
dependencies = ["psycopg[binary]>=3.1", "sqlalchemy>=2"]

[tool.orders.database]
url = "postgresql://orders:Tr0ub4dor@db.internal:5432/orders?sslmode=prefer"
password = 'literal\no-escape'
sslmode = "disable" # comment
pool.size = 10
pool.timeout = 2.5
"allowed ips" = [
  "10.0.0.0/8",   # office
  '0.0.0.0/0',
]
options = { application_name = "orders", connect_timeout = 5, ssl = { mode = "require" } }
started = 2024-01-02T03:04:05Z
day = 2024-01-02
enabled = false
big = 0xFF_FF
inf = -inf
multi = """
postgres://u:p@h/db\
  ?sslmode=verify-full"""
raw = '''
first
second'''
esc = "tab\there \u00e9"

[[tool.orders.replica]]
host = "r1"

[[tool.orders.replica]]
host = "r2"
[tool.orders.replica.tls]
mode = "verify-ca"
[[tool.orders.replica.allow]]
cidr = "192.168.0.0/16"
`,
		want: []row{
			{"project.name", "orders", String, "orders", true, 2},
			{"project.version", "1.4.0", String, "1.4.0", true, 3},
			{"project.dependencies.[0]", "psycopg[binary]>=3.1", String, "psycopg[binary]>=3.1", true, 4},
			{"project.dependencies.[1]", "sqlalchemy>=2", String, "sqlalchemy>=2", true, 4},
			{"tool.orders.database.url", "postgresql://orders:Tr0ub4dor@db.internal:5432/orders?sslmode=prefer", String, "postgresql://orders:Tr0ub4dor@db.internal:5432/orders?sslmode=prefer", true, 7},
			{"tool.orders.database.password", "literal\\no-escape", String, "literal\\no-escape", true, 8},
			{"tool.orders.database.sslmode", "disable", String, "disable", true, 9},
			{"tool.orders.database.pool.size", "10", Number, "10", true, 10},
			{"tool.orders.database.pool.timeout", "2.5", Number, "2.5", true, 11},
			{"tool.orders.database.allowed ips.[0]", "10.0.0.0/8", String, "10.0.0.0/8", true, 13},
			{"tool.orders.database.allowed ips.[1]", "0.0.0.0/0", String, "0.0.0.0/0", true, 14},
			{"tool.orders.database.options.application_name", "orders", String, "orders", true, 16},
			{"tool.orders.database.options.connect_timeout", "5", Number, "5", true, 16},
			{"tool.orders.database.options.ssl.mode", "require", String, "require", true, 16},
			{"tool.orders.database.started", "2024-01-02T03:04:05Z", String, "2024-01-02T03:04:05Z", true, 17},
			{"tool.orders.database.day", "2024-01-02", String, "2024-01-02", true, 18},
			{"tool.orders.database.enabled", "false", Bool, "false", true, 19},
			{"tool.orders.database.big", "0xFF_FF", Number, "0xFF_FF", true, 20},
			{"tool.orders.database.inf", "-inf", Number, "-inf", true, 21},
			{"tool.orders.database.multi", "postgres://u:p@h/db?sslmode=verify-full", String, "postgres://u:p@h/db\\\n  ?sslmode=verify-full", false, 23},
			{"tool.orders.database.raw", "first\nsecond", String, "first\nsecond", true, 26},
			{"tool.orders.database.esc", "tab\there é", String, "tab\\there \\u00e9", false, 28},
			{"tool.orders.replica.[0].host", "r1", String, "r1", true, 31},
			{"tool.orders.replica.[1].host", "r2", String, "r2", true, 34},
			{"tool.orders.replica.[1].tls.mode", "verify-ca", String, "verify-ca", true, 36},
			{"tool.orders.replica.[1].allow.[0].cidr", "192.168.0.0/16", String, "192.168.0.0/16", true, 38},
		},
	},
	{
		name: "root keys, byte-order mark, CRLF, empty string, array of inline tables",
		src:  "\uFEFFa = 1\r\nb = \"\"\"\r\nx\r\ny\"\"\"\r\ne = \"\"\r\nnets = [{cidr = \"::/0\"}, {cidr = \"10.1.0.0/16\"}]\r\n[t]\r\n'k.q' = [[1], []]\r\n",
		want: []row{
			{"a", "1", Number, "1", true, 1},
			{"b", "x\r\ny", String, "x\r\ny", true, 3},
			{"e", "", String, "", true, 5},
			{"nets.[0].cidr", "::/0", String, "::/0", true, 6},
			{"nets.[1].cidr", "10.1.0.0/16", String, "10.1.0.0/16", true, 6},
			{"t.k.q.[0].[0]", "1", Number, "1", true, 8},
		},
	},
	{
		name: "empty document",
		src:  "# only a comment\n\n",
	},
}

func TestParseTOML(t *testing.T) {
	for _, c := range tomlCases {
		t.Run(c.name, func(t *testing.T) {
			vals, err := ParseTOML([]byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			checkValues(t, c, vals)
		})
	}
}

var tomlErrorCases = []errorCase{
	{"duplicate key", "a = 1\na = 2\n", 2, 1, 6, "key a is already defined"},
	{"missing value", "[db]\nurl = \n", 2, 7, 11, "unexpected character U+000A at start of value"},
	{"table redefined", "[t]\nx = 1\n[t]\n", 3, 2, 11, "table t already exists"},
	{"impossible date", "d = 2021-02-30\n", 1, 13, 12, "impossible date"},
	{"unterminated string", "x = \"abc\n", 1, 9, 8, "basic strings cannot have new lines"},
	{"text after value", "x = \"é\" y\n", 1, 9, 9, "expected newline"},
	{"incomplete array", "a = [1, 2", 1, 9, 8, "array is incomplete"},
	{"value where table expected", "[a]\nb = 1\n[a.b]\n", 3, 2, 11, "key b should be a table, not a value"},
	{"byte-order mark keeps offsets", "\uFEFFa = 1\nb = ?\n", 2, 5, 13, "unexpected character"},
	{"header too deep", "[" + strings.Repeat("a.", 1000) + "a]\n", 1, 2002, 2001, "nested more than 1000 levels deep"},
	{"too deep", "a = " + strings.Repeat("[", 1001) + strings.Repeat("]", 1001), 1, 1, 0, "nested more than 1000 levels deep"},
}

func TestParseTOMLErrors(t *testing.T) {
	for _, c := range tomlErrorCases {
		t.Run(c.name, func(t *testing.T) {
			vals, err := ParseTOML([]byte(c.src))
			checkErrorCase(t, c, vals, err)
		})
	}
}
