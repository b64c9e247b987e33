package format

import (
	"encoding/json"
	"io"

	"github.com/grantguard/grantguard/lint"
)

// jsonReport is the document JSON writes. Field order is the output order.
type jsonReport struct {
	Version  string        `json:"version"`
	Findings []jsonFinding `json:"findings"`
}

// jsonFinding is one finding. Unknown positions (column, end line, end
// column) are left out rather than written as 0.
type jsonFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Path     string `json:"path,omitempty"`
	Line     int    `json:"line,omitempty"`
	// Location and Object are set for a finding on a live server in place
	// of path and line.
	Location    string      `json:"location,omitempty"`
	Object      *jsonObject `json:"object,omitempty"`
	Column      int         `json:"column,omitempty"`
	EndLine     int         `json:"endLine,omitempty"`
	EndColumn   int         `json:"endColumn,omitempty"`
	Message     string      `json:"message"`
	Source      string      `json:"source,omitempty"`
	Fingerprint string      `json:"fingerprint,omitempty"`
	Docs        string      `json:"docs"`
}

// jsonObject is the object a finding on a live server is about.
type jsonObject struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
}

// JSON writes the findings as one JSON document for scripts:
//
//	{"version": "0.1.0", "findings": [{"rule": ..., "severity": ..., ...}]}
//
// version is the grantguard version (Info.Version). Keys keep a fixed
// order and the document is indented by two spaces; column, endLine,
// endColumn, source and fingerprint are omitted when unknown or empty. A
// finding on a live server (grantguard audit) has location, the object as
// text output names it, and object {kind, name} in place of path and line.
// Strings are written exactly, unlike Text, which cleans them for a
// terminal.
func JSON(w io.Writer, cat lint.Catalogue, findings []lint.Finding, info Info) error {
	s, _ := NewStream("json", w, cat, info)
	return writeAll(s, findings)
}

// jsonFindingOf is the JSON form of f.
func jsonFindingOf(cat lint.Catalogue, f lint.Finding) jsonFinding {
	var obj *jsonObject
	var loc string
	if !f.Object.IsZero() {
		obj, loc = &jsonObject{Kind: f.Object.Kind, Name: f.Object.Name}, f.Object.String()
	}
	return jsonFinding{
		Location:    loc,
		Object:      obj,
		Rule:        f.Rule,
		Severity:    level(f.Severity),
		Path:        f.Path,
		Line:        f.Line,
		Column:      f.Col,
		EndLine:     f.EndLine,
		EndColumn:   f.EndCol,
		Message:     f.Message,
		Source:      f.Source,
		Fingerprint: f.Fingerprint,
		Docs:        docURL(cat, f.Rule),
	}
}

// encodeJSON writes v indented by two spaces, without the HTML escaping
// (\u003c for <) that would make SQL and messages harder to read.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
