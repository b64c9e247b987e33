package format

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/grantguard/grantguard/lint"
)

// A Stream writes a report piece by piece, for lint.Options.Emit: Write
// takes the findings of one file at a time, in report order, and Close
// ends the document. Text, JSON and GitHub write each piece as it comes,
// so a run over a large tree never holds its whole report; SARIF, whose
// GitHub limits (results per run, compressed size) depend on the whole
// report, keeps the findings and writes the document at Close. Close must
// be called exactly once, after the last Write; nothing is written to w
// before the first Write or Close. Errors are those of w.
type Stream interface {
	Write(findings []lint.Finding) error
	Close() error
}

// NewStream returns the Stream for a --format name.
func NewStream(name string, w io.Writer, cat lint.Catalogue, info Info) (Stream, bool) {
	switch name {
	case "text":
		return &textStream{w: bufio.NewWriter(w)}, true
	case "github":
		return &githubStream{w: bufio.NewWriter(w)}, true
	case "json":
		return &jsonStream{w: bufio.NewWriter(w), cat: cat, version: info.Version}, true
	case "sarif":
		return &bufferedStream{write: func(fs []lint.Finding) error { return SARIF(w, cat, fs, info) }}, true
	}
	return nil, false
}

// writeAll writes findings through s in one piece.
func writeAll(s Stream, findings []lint.Finding) error {
	if len(findings) > 0 {
		if err := s.Write(findings); err != nil {
			return err
		}
	}
	return s.Close()
}

// textStream is Text, piece by piece; it counts by severity for the
// summary line.
type textStream struct {
	w      *bufio.Writer
	counts severityCounts
}

func (s *textStream) Write(findings []lint.Finding) error {
	for _, f := range findings {
		writeTextFinding(s.w, f)
		s.counts.add(f.Severity)
	}
	// Flushed per piece so that the report appears as the run goes.
	return s.w.Flush()
}

func (s *textStream) Close() error {
	if s.counts.total > 0 {
		fmt.Fprintf(s.w, "\n%s\n", s.counts.summary())
	}
	return s.w.Flush()
}

// githubStream is GitHub, piece by piece.
type githubStream struct{ w *bufio.Writer }

func (s *githubStream) Write(findings []lint.Finding) error {
	for _, f := range findings {
		s.w.WriteString(githubCommand(f))
		s.w.WriteByte('\n')
	}
	return s.w.Flush()
}

func (s *githubStream) Close() error { return s.w.Flush() }

// jsonStream is JSON, piece by piece: the same bytes encoding/json writes
// for the whole document indented by two spaces, produced one finding at a
// time.
type jsonStream struct {
	w       *bufio.Writer
	cat     lint.Catalogue
	version string
	n       int // findings written
	started bool
	buf     bytes.Buffer // one encoded finding
	enc     *json.Encoder
}

func (s *jsonStream) start() {
	if !s.started {
		s.started = true
		v, _ := json.Marshal(s.version) // a string always marshals
		fmt.Fprintf(s.w, "{\n  \"version\": %s,\n  \"findings\": [", v)
	}
}

func (s *jsonStream) Write(findings []lint.Finding) error {
	s.start()
	if s.enc == nil {
		s.enc = json.NewEncoder(&s.buf)
		s.enc.SetEscapeHTML(false)
		s.enc.SetIndent("    ", "  ")
	}
	for _, f := range findings {
		if s.n > 0 {
			s.w.WriteByte(',')
		}
		s.w.WriteString("\n    ")
		s.buf.Reset()
		if err := s.enc.Encode(jsonFindingOf(s.cat, f)); err != nil {
			return err
		}
		// Encode ends the value with a newline; the next separator or the
		// closing bracket supplies it.
		s.w.Write(bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")))
		s.n++
	}
	return s.w.Flush()
}

func (s *jsonStream) Close() error {
	s.start()
	if s.n > 0 {
		s.w.WriteString("\n  ")
	}
	s.w.WriteString("]\n}\n")
	return s.w.Flush()
}

// bufferedStream keeps every piece and writes them at Close.
type bufferedStream struct {
	findings []lint.Finding
	write    func([]lint.Finding) error
}

func (s *bufferedStream) Write(findings []lint.Finding) error {
	s.findings = append(s.findings, findings...)
	return nil
}

func (s *bufferedStream) Close() error { return s.write(s.findings) }

// severityCounts counts findings by severity for the text summary.
type severityCounts struct {
	total int
	by    map[string]int
}

func (c *severityCounts) add(s lint.Severity) {
	if c.by == nil {
		c.by = map[string]int{}
	}
	c.total++
	c.by[level(s)]++
}
