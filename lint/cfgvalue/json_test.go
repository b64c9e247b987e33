package cfgvalue

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

var jsonCases = []valueCase{
	{
		name: "cloud sql instance",
		src: `{
  "name": "orders-db",
  "databaseVersion": "POSTGRES_15",
  "settings": {
    "tier": "db-custom-2-7680",
    "ipConfiguration": {
      "ipv4Enabled": true,
      "requireSsl": false,
      "sslMode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED",
      "authorizedNetworks": [
        {"name": "office", "value": "203.0.113.0/24", "expirationTime": null},
        {"name": "anyone", "value": "0.0.0.0/0"}
      ]
    },
    "dataDiskSizeGb": "100",
    "databaseFlags": [{"name": "log_connections", "value": "on"}]
  },
  "maxDiskSize": 3.5e10,
  "rootPassword": "p\u00e4ss\"word"
}
`,
		want: []row{
			{"name", "orders-db", String, "orders-db", true, 2},
			{"databaseVersion", "POSTGRES_15", String, "POSTGRES_15", true, 3},
			{"settings.tier", "db-custom-2-7680", String, "db-custom-2-7680", true, 5},
			{"settings.ipConfiguration.ipv4Enabled", "true", Bool, "true", true, 7},
			{"settings.ipConfiguration.requireSsl", "false", Bool, "false", true, 8},
			{"settings.ipConfiguration.sslMode", "ALLOW_UNENCRYPTED_AND_ENCRYPTED", String, "ALLOW_UNENCRYPTED_AND_ENCRYPTED", true, 9},
			{"settings.ipConfiguration.authorizedNetworks.[0].name", "office", String, "office", true, 11},
			{"settings.ipConfiguration.authorizedNetworks.[0].value", "203.0.113.0/24", String, "203.0.113.0/24", true, 11},
			{"settings.ipConfiguration.authorizedNetworks.[0].expirationTime", "null", Null, "null", true, 11},
			{"settings.ipConfiguration.authorizedNetworks.[1].name", "anyone", String, "anyone", true, 12},
			{"settings.ipConfiguration.authorizedNetworks.[1].value", "0.0.0.0/0", String, "0.0.0.0/0", true, 12},
			{"settings.dataDiskSizeGb", "100", String, "100", true, 15},
			{"settings.databaseFlags.[0].name", "log_connections", String, "log_connections", true, 16},
			{"settings.databaseFlags.[0].value", "on", String, "on", true, 16},
			{"maxDiskSize", "3.5e10", Number, "3.5e10", true, 18},
			{"rootPassword", "päss\"word", String, "p\\u00e4ss\\\"word", false, 19},
		},
	},
	{
		name: "appsettings with duplicate keys, empty containers, escapes",
		src:  "{\"ConnectionStrings\": {\"Db\": \"Host=db;Password=s3cret;SSL Mode=Disable\"},\n \"dup\": 1, \"dup\": \"two\", \"e\": {}, \"a\": [], \"slash\": \"a\\/b\",\n \"pair\": \"\\ud83d\\ude00\", \"lone\": \"\\ud800x\", \"neg\": -0.5E-3}",
		want: []row{
			{"ConnectionStrings.Db", "Host=db;Password=s3cret;SSL Mode=Disable", String, "Host=db;Password=s3cret;SSL Mode=Disable", true, 1},
			{"dup", "1", Number, "1", true, 2},
			{"dup", "two", String, "two", true, 2},
			{"slash", "a/b", String, "a\\/b", false, 2},
			{"pair", "😀", String, "\\ud83d\\ude00", false, 3},
			{"lone", "\uFFFDx", String, "\\ud800x", false, 3},
			{"neg", "-0.5E-3", Number, "-0.5E-3", true, 3},
		},
	},
	{
		name: "top-level array with byte-order mark",
		src:  "\uFEFF[\"10.0.0.0/8\", [\"::/0\"], 0, \"é\"]",
		want: []row{
			{"[0]", "10.0.0.0/8", String, "10.0.0.0/8", true, 1},
			{"[1].[0]", "::/0", String, "::/0", true, 1},
			{"[2]", "0", Number, "0", true, 1},
			{"[3]", "é", String, "é", true, 1},
		},
		noKey: []string{"[0]", "[1].[0]", "[2]", "[3]"},
	},
	{
		name:  "top-level scalar",
		src:   " \"only\" \r\n",
		want:  []row{{"", "only", String, "only", true, 1}},
		noKey: []string{""},
	},
}

func TestParseJSON(t *testing.T) {
	for _, c := range jsonCases {
		t.Run(c.name, func(t *testing.T) {
			vals, err := ParseJSON([]byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			checkValues(t, c, vals)
		})
	}
}

// TestParseJSONKeySpan checks that the key span of an escaped key covers
// its raw text inside the quotes.
func TestParseJSONKeySpan(t *testing.T) {
	src := `{"pass\u0077ord": "x"}`
	vals, err := ParseJSON([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) != 1 || vals[0].Key != "password" || src[vals[0].KeyStart:vals[0].KeyEnd] != `pass\u0077ord` {
		t.Errorf("got %+v", vals)
	}
}

var jsonErrorCases = []errorCase{
	{"trailing comma", "{\"a\": 1,}", 1, 9, 8, "looking for an object key"},
	{"missing colon", "{\n  \"a\" 1}", 2, 7, 8, "after object key"},
	{"unclosed array", "[1, 2", 1, 6, 5, "unexpected end of input"},
	{"empty", "", 1, 1, 0, "unexpected end of input"},
	{"control character in string", "{\"a\": \"b\x01\"}", 1, 9, 8, "control characters must be escaped"},
	{"leading zero", "01", 1, 2, 1, "after top-level value"},
	{"bad literal", "{\"a\": tru}", 1, 10, 9, "in literal true"},
	{"garbage after value", "[1] x", 1, 5, 4, "after top-level value"},
	{"bad escape", `"\x"`, 1, 3, 2, "in string escape code"},
	{"bad unicode escape", `"\u12g4"`, 1, 6, 5, `\u hexadecimal`},
	{"position after multi-byte text", "{\"é\": \"ü\" \"x\"}", 1, 11, 12, "expecting ',' or '}'"},
	{"comment", "{\n// c\n}", 2, 1, 2, "looking for an object key"},
	{"too deep", strings.Repeat("[", 1002) + strings.Repeat("]", 1002), 1, 1001, 1000, "nested more than 1000 levels deep"},
}

func TestParseJSONErrors(t *testing.T) {
	for _, c := range jsonErrorCases {
		t.Run(c.name, func(t *testing.T) {
			vals, err := ParseJSON([]byte(c.src))
			checkErrorCase(t, c, vals, err)
		})
	}
}

// jsonScalars decodes src with encoding/json and returns its scalars in
// document order as ParseJSON's Text would give them.
func jsonScalars(src []byte) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	type level struct{ object, wantKey bool }
	var stack []level
	var out []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				if len(stack) > 0 && stack[len(stack)-1].object {
					stack[len(stack)-1].wantKey = true
				}
				stack = append(stack, level{object: d == '{', wantKey: true})
			default:
				stack = stack[:len(stack)-1]
			}
			continue
		}
		if n := len(stack); n > 0 && stack[n-1].object {
			if stack[n-1].wantKey {
				stack[n-1].wantKey = false
				continue
			}
			stack[n-1].wantKey = true
		}
		switch v := tok.(type) {
		case string:
			out = append(out, v)
		case json.Number:
			out = append(out, v.String())
		case bool:
			out = append(out, fmt.Sprint(v))
		case nil:
			out = append(out, "null")
		}
	}
}

// checkJSONAgainstStdlib checks that ParseJSON accepts what encoding/json
// accepts and decodes the same scalars.
func checkJSONAgainstStdlib(t testing.TB, src []byte, vals []Value, err error) {
	t.Helper()
	if bytes.HasPrefix(src, []byte(bom)) {
		return // encoding/json rejects a byte-order mark
	}
	valid := json.Valid(src)
	if valid != (err == nil) {
		t.Fatalf("json.Valid = %v, ParseJSON error %v", valid, err)
	}
	if !valid {
		return
	}
	want, derr := jsonScalars(src)
	if derr != nil {
		return // the token stream rejects what Valid accepted: not our concern
	}
	if len(want) != len(vals) {
		t.Fatalf("encoding/json sees %d scalars, ParseJSON %d", len(want), len(vals))
	}
	for i, v := range vals {
		if v.Text != want[i] {
			t.Fatalf("scalar %d: ParseJSON %q, encoding/json %q", i, v.Text, want[i])
		}
	}
}

func TestParseJSONMatchesStdlib(t *testing.T) {
	inputs := []string{
		`{}`, `[]`, `1`, `-0`, `-`, `1.`, `1e`, `.5`, `+1`, `1e+5`, `"a"`, `"\ud800\udc00"`, `"\udc00\ud800"`,
		`"\ud800\u0041"`, "\"\xff\xfe\"", `{"a":[1,{"b":null}],"c":true}`, `[1,]`, `[,1]`, `{"a"}`, ` `, `nul`,
		`"\/\b\f\n\r\t\\\""`, "[1]\n\t ", `{"a":1}{}`, "\"\x7f\"", `["\u0000"]`,
	}
	for _, c := range jsonCases {
		inputs = append(inputs, c.src)
	}
	for _, in := range inputs {
		vals, err := ParseJSON([]byte(in))
		checkJSONAgainstStdlib(t, []byte(in), vals, err)
	}
}

// TestParseJSONHugeLine checks that a few megabytes on one line parse in
// linear time, with exact positions at the far end.
func TestParseJSONHugeLine(t *testing.T) {
	src, n := hugeJSON(50000)
	start := time.Now()
	vals, err := ParseJSON(src)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("%d bytes took %v", len(src), d)
	}
	if len(vals) != n {
		t.Fatalf("got %d values, want %d", len(vals), n)
	}
	last := vals[len(vals)-1]
	if string(src[last.Start:last.End]) != `p\"49999` || last.Text != `p"49999` || last.Line != 1 {
		t.Errorf("last value %+v", last)
	}
}

// hugeJSON returns a one-line JSON document of n objects and its number of
// scalars.
func hugeJSON(n int) ([]byte, int) {
	var b bytes.Buffer
	b.WriteString(`{"rules": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"name": "rule-%d", "cidr": "10.%d.0.0/16", "port": %d, "pw": "p\"%d"}`, i, i%256, i, i)
	}
	b.WriteString("]}")
	return b.Bytes(), 4 * n
}
