package lint

import "fmt"

// rawFinding is a finding as a check reports it, in file byte offsets.
type rawFinding struct {
	rule       string
	sev        Severity // 0: the rule's default
	start, end int      // end < 0: unknown
	msg        string
}

// sink collects what the checks of one file report.
type sink struct {
	file     *File
	findings []rawFinding
	secrets  []Span
	// comments are the file's comment spans when a kind's scanner knows
	// them exactly; suppression directives count only inside them.
	comments []Span
	// skip, when set, is why the file was not linted after all (a note,
	// not a finding).
	skip string
	// dialect, when set, is the other SQL dialect the file turned out to
	// be written in.
	dialect string
	// postgres is set when config says the file is PostgreSQL whatever
	// its syntax.
	postgres bool
	// textSecrets are the file's secrets found without a parser (see
	// textSecrets), once something in it did not parse; nil before.
	textSecrets []Span
	textScanned bool
}

// Reporter is embedded in every pass. It reports findings for the current
// rule and records secrets to redact.
type Reporter struct {
	rule *Rule
	sink *sink
}

// ReportRange reports a finding for the current rule at file offsets
// [start, end); end < 0 means the end is unknown. sev 0 means the rule's
// default severity.
func (r *Reporter) ReportRange(start, end int, sev Severity, format string, args ...any) {
	r.sink.findings = append(r.sink.findings, rawFinding{
		rule: r.rule.ID, sev: sev, start: start, end: end, msg: fmt.Sprintf(format, args...),
	})
}

// SecretRange marks file bytes [start, end) as a secret: they are redacted
// in every source line shown, whichever rule's finding shows it.
func (r *Reporter) SecretRange(start, end int) {
	if end > start {
		r.sink.secrets = append(r.sink.secrets, Span{start, end})
	}
}
