package cfgvalue

import (
	"strings"
	"testing"
)

// checkParse checks one result of a Parse function on arbitrary input: an
// *Error that agrees with src and no values, or values that keep every
// promise Value makes.
func checkParse(t *testing.T, src []byte, vals []Value, err error) {
	t.Helper()
	if err != nil {
		checkError(t, src, err)
		if vals != nil {
			t.Fatalf("%d values returned with error %v", len(vals), err)
		}
		return
	}
	checkInvariants(t, src, vals)
}

// addSeeds seeds a fuzz target with the table tests' inputs, except the
// few long ones (the nesting limits), which the unit tests cover and which
// would make the fuzzer spend its time minimizing.
func addSeeds(f *testing.F, valueCases []valueCase, errorCases []errorCase) {
	for _, c := range valueCases {
		if len(c.src) <= maxSeedLen {
			f.Add([]byte(c.src))
		}
	}
	for _, c := range errorCases {
		if len(c.src) <= maxSeedLen {
			f.Add([]byte(c.src))
		}
	}
}

const maxSeedLen = 4096

func FuzzParseYAML(f *testing.F) {
	addSeeds(f, yamlCases, yamlErrorCases)
	f.Fuzz(func(t *testing.T, src []byte) {
		vals, err := ParseYAML(src)
		checkParse(t, src, vals, err)
	})
}

func FuzzParseJSON(f *testing.F) {
	addSeeds(f, jsonCases, jsonErrorCases)
	f.Fuzz(func(t *testing.T, src []byte) {
		vals, err := ParseJSON(src)
		checkParse(t, src, vals, err)
		if err == nil || !strings.Contains(err.Error(), "levels deep") {
			checkJSONAgainstStdlib(t, src, vals, err)
		}
	})
}

func FuzzParseTOML(f *testing.F) {
	addSeeds(f, tomlCases, tomlErrorCases)
	f.Fuzz(func(t *testing.T, src []byte) {
		vals, err := ParseTOML(src)
		checkParse(t, src, vals, err)
	})
}

func FuzzParseEnv(f *testing.F) {
	addSeeds(f, envCases, nil)
	f.Add([]byte("A=1\nbad line\nB='x\nC=\"y\" z\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		vals, errs := ParseEnv(src)
		checkInvariants(t, src, vals)
		for _, e := range errs {
			checkError(t, src, e)
		}
		for i := 1; i < len(errs); i++ {
			if errs[i].Offset < errs[i-1].Offset {
				t.Fatalf("errors out of order: %v", errs)
			}
		}
	})
}

func FuzzParseHCL(f *testing.F) {
	addSeeds(f, hclCases, hclErrorCases)
	f.Fuzz(func(t *testing.T, src []byte) {
		vals, err := ParseHCL(src, "fuzz.tf")
		checkParse(t, src, vals, err)
	})
}
