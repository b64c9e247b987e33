package cfgvalue

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

// bigInputs are a few megabytes per format, with long lines where the
// format allows them, since per-value work that rescans a line or copies
// the rest of the input is quadratic there.
func bigInputs() map[string][]byte {
	json, _ := hugeJSON(30000)
	var toml, env, hcl bytes.Buffer
	toml.WriteString("cidrs = [")
	hcl.WriteString("cidrs = [")
	for i := range 100000 {
		fmt.Fprintf(&toml, `"10.%d.0.0/16", `, i%256)
		fmt.Fprintf(&hcl, `"10.%d.0.0/16", `, i%256)
		fmt.Fprintf(&env, "export VAR_%d=\"postgres://u:p%d@h/db\"  # n\n", i, i)
	}
	toml.WriteString("]\n")
	hcl.WriteString("]\n")
	return map[string][]byte{"json": json, "yaml": json, "toml": toml.Bytes(), "env": env.Bytes(), "hcl": hcl.Bytes()}
}

func parseAny(format string, src []byte) ([]Value, error) {
	switch format {
	case "json":
		return ParseJSON(src)
	case "yaml":
		return ParseYAML(src)
	case "toml":
		return ParseTOML(src)
	case "hcl":
		return ParseHCL(src, "big.tf")
	}
	vals, errs := ParseEnv(src)
	if len(errs) > 0 {
		return nil, errs[0]
	}
	return vals, nil
}

// TestLinearTime parses a few megabytes of each format. Each takes well
// under a second; the limit is generous for loaded machines but far below
// what a quadratic step costs at this size (minutes).
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("parses megabytes")
	}
	for format, src := range bigInputs() {
		t.Run(format, func(t *testing.T) {
			start := time.Now()
			vals, err := parseAny(format, src)
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > 15*time.Second {
				t.Errorf("%d bytes took %v", len(src), d)
			}
			want := map[string]string{
				"json": `p\"29999`, "yaml": `p\"29999`, "toml": "10.159.0.0/16", "hcl": "10.159.0.0/16", "env": "postgres://u:p99999@h/db",
			}[format]
			if last := vals[len(vals)-1]; string(src[last.Start:last.End]) != want {
				t.Errorf("last value at %q, want %q", src[last.Start:last.End], want)
			}
		})
	}
}

// TestPathBudget checks that a value-heavy array nested hundreds of levels
// deep is refused instead of costing memory quadratic in its size.
func TestPathBudget(t *testing.T) {
	src := strings.Repeat("[", 999) + strings.Repeat("1,", 200000) + "1" + strings.Repeat("]", 999)
	vals, err := ParseJSON([]byte(src))
	if err == nil || !strings.Contains(err.Error(), "too many deeply nested values") {
		t.Fatalf("got %d values, error %v", len(vals), err)
	}
	checkError(t, []byte(src), err)
}

func BenchmarkParse(b *testing.B) {
	for format, src := range bigInputs() {
		b.Run(format, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := parseAny(format, src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestHostileNesting feeds every parser input nested hundreds of
// thousands of levels deep. Each must come back quickly with an *Error (or
// values) instead of overflowing the stack, which would kill the process,
// or taking quadratic time.
func TestHostileNesting(t *testing.T) {
	if testing.Short() {
		t.Skip("parses megabytes")
	}
	const n = 300000
	cases := []struct {
		name, format, src string
	}{
		{"json arrays", "json", strings.Repeat("[", n)},
		{"json objects", "json", strings.Repeat(`{"a":`, n)},
		{"yaml flow sequences", "yaml", strings.Repeat("[", n)},
		{"yaml flow mappings", "yaml", strings.Repeat("{a: ", n)},
		{"yaml block sequences", "yaml", strings.Repeat("- ", n) + "x"},
		{"yaml aliases", "yaml", "a: &a x\nb: [" + strings.Repeat("*a, ", n) + "]"},
		{"toml arrays", "toml", "a = " + strings.Repeat("[", n)},
		{"toml inline tables", "toml", "a = " + strings.Repeat("{b = ", n)},
		{"toml header", "toml", "[" + strings.Repeat("a.", n) + "a]\nx = 1\n"},
		{"toml dotted key", "toml", strings.Repeat("a.", n) + "a = 1\n"},
		{"hcl brackets", "hcl", "a = " + strings.Repeat("[", n)},
		{"hcl blocks", "hcl", strings.Repeat("b {\n", n)},
		{"hcl traversal", "hcl", "a = x" + strings.Repeat(".y", n)},
		{"hcl index", "hcl", "a = x" + strings.Repeat("[0]", n)},
		{"hcl splat", "hcl", "a = x" + strings.Repeat("[*]", n)},
		{"hcl attribute splat", "hcl", "a = x" + strings.Repeat(".*", n)},
		{"hcl operators", "hcl", "a = 1" + strings.Repeat("+1", n)},
		{"hcl unary", "hcl", "a = " + strings.Repeat("!", n) + "true"},
		{"hcl heredocs", "hcl", "a = " + strings.Repeat("<<E\n${", n/4)},
		{"hcl for", "hcl", "a = " + strings.Repeat("[for x in y: ", n/4)},
		{"hcl calls", "hcl", "a = " + strings.Repeat("f(", n)},
		{"hcl directives", "hcl", "a = \"" + strings.Repeat("%{if x}", n/4) + "\""},
		{"hcl conditionals", "hcl", "a = (" + strings.Repeat("x ? 1 :\n", n/4) + "2)"},
		{"env escapes", "env", "A=\"" + strings.Repeat("\\n", n)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			vals, err := parseAny(c.format, []byte(c.src))
			if err != nil {
				checkError(t, []byte(c.src), err)
			} else {
				checkInvariants(t, []byte(c.src), vals)
			}
			if d := time.Since(start); d > 15*time.Second {
				t.Errorf("%d bytes took %v", len(c.src), d)
			}
		})
	}
}
