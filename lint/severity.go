package lint

import "fmt"

// Severity is how serious a finding is. The zero value is not a valid
// severity, so a rule that forgets to set one is caught by the catalogue test.
type Severity int

// Severities, from least to most serious.
const (
	Note Severity = iota + 1
	Warning
	Error
)

// String returns the lower-case name used in text output, config and SARIF.
func (s Severity) String() string {
	switch s {
	case Note:
		return "note"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads "error", "warning" or "note".
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "note":
		return Note, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or note)", s)
}
