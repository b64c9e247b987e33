package format

import (
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/grantguard/grantguard/lint"
)

// Info describes the run for writers that need it.
type Info struct {
	ToolName       string // "grantguard"
	Version        string // semantic version, e.g. "0.1.0"
	InformationURI string // project home page, e.g. "https://github.com/grantguard/grantguard"
	// Category tells several SARIF uploads for one commit apart (GitHub's
	// analysis category): automationDetails.id becomes
	// "grantguard/<category>/", or "grantguard/" when Category is empty.
	Category string
	// SrcRoot is the absolute directory the finding paths are relative to,
	// as an OS path or a file:// URI. SARIF publishes it as
	// originalUriBaseIds["%SRCROOT%"]. May be empty.
	SrcRoot string
}

// Writer renders findings in one format. The findings are sorted, carry
// their effective severity and are already redacted; cat supplies the rule
// metadata. A Writer returns an error only when writing to w fails.
type Writer func(w io.Writer, cat lint.Catalogue, findings []lint.Finding, info Info) error

// writers is the one list of output formats, by --format name.
var writers = map[string]Writer{
	"github": GitHub,
	"json":   JSON,
	"sarif":  SARIF,
	"text":   Text,
}

// Lookup returns the writer for a --format name: "text", "json", "sarif" or
// "github".
func Lookup(name string) (Writer, bool) {
	w, ok := writers[name]
	return w, ok
}

// Names returns the format names, sorted, for help text and error messages.
func Names() []string {
	names := make([]string, 0, len(writers))
	for n := range writers {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// level is the SARIF / JSON name of a severity. An invalid severity is
// shown as a warning, GitHub's default level, rather than dropped.
func level(s lint.Severity) string {
	switch s {
	case lint.Error, lint.Warning, lint.Note:
		return s.String()
	}
	return lint.Warning.String()
}

// docURL links a finding's rule to its docs, also for a rule the catalogue
// does not know.
func docURL(cat lint.Catalogue, id string) string {
	if r := cat.Lookup(id); r != nil {
		return r.DocURL()
	}
	return lint.DocsBase + "#" + id
}

// toolName is Info.ToolName, defaulting to "grantguard".
func (info Info) toolName() string {
	if info.ToolName != "" {
		return info.ToolName
	}
	return "grantguard"
}

// firstNonEmpty returns the first argument that is not blank.
func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// isUnsafeRune reports runes that must not reach a terminal verbatim: a
// line in a linted file may carry escape sequences or bidi overrides
// ("Trojan Source") that would rewrite what the reader sees.
func isUnsafeRune(r rune) bool {
	return r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r))
}
