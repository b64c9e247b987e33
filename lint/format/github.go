package format

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/grantguard/grantguard/lint"
)

// GitHub writes one GitHub Actions workflow command per finding, which the
// runner turns into an annotation on the file and line:
//
//	::error file=db/001_init.sql,line=3,col=1,endLine=3,endColumn=35,title=grant-all::GRANT ALL on table orders
//
// Errors become ::error, warnings ::warning and notes ::notice. Values are
// escaped as the Actions toolkit does: %, CR and LF everywhere, and also
// ":" and "," in properties. Columns are given only for a finding on one
// line, because the runner drops col and endColumn when line and endLine
// differ. A finding on a live server names its object before the message
// and has no file. Nothing is written when there are no findings.
func GitHub(w io.Writer, cat lint.Catalogue, findings []lint.Finding, info Info) error {
	s, _ := NewStream("github", w, cat, info)
	return writeAll(s, findings)
}

// githubCommand renders one finding as a workflow command, without the
// trailing newline.
func githubCommand(f lint.Finding) string {
	if !f.Object.IsZero() {
		// No file to annotate: the object leads the message, and the
		// annotation shows on the workflow run.
		return fmt.Sprintf("::%s title=%s::%s", githubCommandName(f.Severity), escapeProperty(f.Rule),
			escapeData(f.Object.String()+": "+f.Message))
	}
	props := []string{"file=" + escapeProperty(f.Path)}
	if f.Line > 0 {
		props = append(props, "line="+strconv.Itoa(f.Line))
		oneLine := f.EndLine == 0 || f.EndLine == f.Line
		if oneLine && f.Col > 0 {
			props = append(props, "col="+strconv.Itoa(f.Col))
		}
		if f.EndLine >= f.Line {
			props = append(props, "endLine="+strconv.Itoa(f.EndLine))
		}
		if oneLine && f.Col > 0 && f.EndCol > 0 {
			props = append(props, "endColumn="+strconv.Itoa(f.EndCol))
		}
	}
	props = append(props, "title="+escapeProperty(f.Rule))
	return fmt.Sprintf("::%s %s::%s", githubCommandName(f.Severity), strings.Join(props, ","), escapeData(f.Message))
}

func githubCommandName(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Note:
		return "notice"
	}
	return "warning"
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeData escapes a workflow command's message (after the "::").
func escapeData(s string) string { return dataEscaper.Replace(s) }

// escapeProperty escapes a workflow command property value, where ":" and
// "," would otherwise end the value.
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
