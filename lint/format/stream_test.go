package format

import (
	"bytes"
	"errors"
	"testing"

	"github.com/grantguard/grantguard/lint"
)

// TestStreamsMatchWholeReports: every format gives the same bytes whether
// the findings come in one piece or file by file, and the streamed JSON is
// byte for byte what encoding/json writes for the whole document.
func TestStreamsMatchWholeReports(t *testing.T) {
	cat := testCatalogue()
	all := testFindings()
	all = append(all, lint.Finding{Rule: "grant-all", Severity: lint.Error, Path: "z/<&>.sql", Line: 1, Col: 2,
		Message: "quote \" backslash \\ tab \t newline \n and \u2028", Source: "GRANT ALL ON \"<t>\" TO r;"})
	lint.SortFindings(all)
	for _, tc := range []struct {
		name     string
		findings []lint.Finding
	}{{"none", nil}, {"one", all[:1]}, {"all", all}} {
		// The pieces a run would emit: one per path.
		var pieces [][]lint.Finding
		for i, f := range tc.findings {
			if i == 0 || f.Path != tc.findings[i-1].Path {
				pieces = append(pieces, nil)
			}
			pieces[len(pieces)-1] = append(pieces[len(pieces)-1], f)
		}
		for _, name := range Names() {
			var whole, streamed bytes.Buffer
			write, _ := Lookup(name)
			if err := write(&whole, cat, tc.findings, testInfo); err != nil {
				t.Fatal(err)
			}
			s, ok := NewStream(name, &streamed, cat, testInfo)
			if !ok {
				t.Fatalf("no stream for %s", name)
			}
			for _, p := range pieces {
				if err := s.Write(p); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if whole.String() != streamed.String() {
				t.Errorf("%s/%s: streamed output differs:\n%s\nwant:\n%s", tc.name, name, streamed.String(), whole.String())
			}
			if name == "json" {
				doc := jsonReport{Version: testInfo.Version, Findings: []jsonFinding{}}
				for _, f := range tc.findings {
					doc.Findings = append(doc.Findings, jsonFindingOf(cat, f))
				}
				var enc bytes.Buffer
				if err := encodeJSON(&enc, doc); err != nil {
					t.Fatal(err)
				}
				if enc.String() != streamed.String() {
					t.Errorf("%s: streamed JSON differs from encoding/json:\n%s\nwant:\n%s", tc.name, streamed.String(), enc.String())
				}
			}
		}
	}
}

// TestStreamNothingBeforeFirstWrite: a stream writes nothing until the
// first piece or Close, so a run that fails before any finding leaves an
// empty output.
func TestStreamNothingBeforeFirstWrite(t *testing.T) {
	for _, name := range Names() {
		var out bytes.Buffer
		if _, ok := NewStream(name, &out, testCatalogue(), testInfo); !ok || out.Len() != 0 {
			t.Errorf("%s: %d bytes written by NewStream", name, out.Len())
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestStreamWriteErrors: a failing writer is reported by Write (or, for
// SARIF, by Close).
func TestStreamWriteErrors(t *testing.T) {
	fs := testFindings()
	for _, name := range Names() {
		s, _ := NewStream(name, failWriter{}, testCatalogue(), testInfo)
		err := s.Write(fs)
		if err == nil {
			err = s.Close()
		}
		if err == nil {
			t.Errorf("%s: no error from a failing writer", name)
		}
	}
}
