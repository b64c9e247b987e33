// Package diag is what grantguard's go/analysis analyzers share: the
// settings they are built with, their documentation rendered from the rule
// metadata in package rules, and a Reporter that turns a rule's finding
// into an analysis.Diagnostic and applies grantguard's suppression
// comments.
//
// A diagnostic's Category is the rule ID, its URL the rule's docs, and its
// message starts with "rule-id: " so that plain `go vet` output names the
// rule. When a finding's severity differs from the rule's default (a
// broad-cidr /0 is an error, a narrower range a warning), the Category
// carries it after a slash: "broad-cidr/warning". For hardcoded-password,
// a diagnostic with a valid End covers exactly the secret's bytes in the
// source, so that drivers can mask them; one without End points at a
// place that holds no secret text.
package diag

import (
	"fmt"
	"go/ast"
	"go/token"
	"iter"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/rules"
)

// Settings configure a set of analyzers.
type Settings struct {
	// Config is grantguard's configuration (exempt hosts, network limits,
	// superuser roles, role tiers, disabled rules); nil means the defaults.
	Config *lint.Config
	// Catalogue holds the SQL rules run on SQL embedded in Go; nil means
	// rules.All.
	Catalogue lint.Catalogue
	// Unfiltered makes the analyzers report every finding, including those
	// of disabled rules and those a suppression comment covers. grantguard
	// check sets it: its engine applies config and suppression itself,
	// reports unused suppressions, and needs every hardcoded-password
	// range to redact echoed source lines.
	Unfiltered bool
	// Discover makes each package use the nearest .grantguard.toml from
	// its directory up to its module root, when Config is nil (go vet and
	// golangci-lint run from wherever the editor or user is).
	Discover bool

	mu     sync.Mutex
	loaded map[string]loadedConfig // by config path
}

// Cfg returns the configuration, or the defaults.
func (s *Settings) Cfg() *lint.Config {
	if s.Config == nil {
		return lint.DefaultConfig()
	}
	return s.Config
}

// Cat returns the catalogue, or rules.All.
func (s *Settings) Cat() lint.Catalogue {
	if s.Catalogue == nil {
		return rules.All
	}
	return s.Catalogue
}

// Doc renders an analyzer's documentation: the summary line go vet and
// golangci-lint show, then each rule's title, rationale, bad and good
// example and fix, as `grantguard explain` shows them.
func Doc(summary string, rs ...*lint.Meta) string {
	var b strings.Builder
	b.WriteString(summary)
	for _, r := range rs {
		fmt.Fprintf(&b, "\n\n%s (%s): %s\n\n%s\n\nInstead of:\n\n%s\n\nUse:\n\n%s\n\nFix: %s\n\nDocs: %s",
			r.ID, r.Severity, r.Title, r.Rationale, indent(r.Bad), indent(r.Good), r.Fix, r.DocURL())
		if len(r.References) > 0 {
			b.WriteString("\n\nReferences:")
			for _, ref := range r.References {
				b.WriteString("\n\t" + ref)
			}
		}
	}
	return b.String()
}

func indent(s string) string {
	return "\t" + strings.ReplaceAll(s, "\n", "\n\t")
}

// Reporter reports the findings of one analyzer pass.
type Reporter struct {
	pass     *analysis.Pass
	set      *Settings
	cfg      *lint.Config
	ignores  map[*token.File]map[int][]suppression // line → directives on it
	reported map[string]bool
}

// NewReporter returns a reporter for pass. It fails only when a
// configuration file it had to find (Settings.Discover) cannot be read.
func NewReporter(pass *analysis.Pass, set *Settings) (*Reporter, error) {
	cfg, err := set.configFor(pass)
	if err != nil {
		return nil, err
	}
	return &Reporter{pass: pass, set: set, cfg: cfg, reported: map[string]bool{}}, nil
}

// Config returns the configuration the analyzers run with.
func (r *Reporter) Config() *lint.Config { return r.cfg }

// Files yields each file of the pass that grantguard checks, with its
// cursor: all but generated ones (marked "Code generated ... DO NOT
// EDIT."), which nobody edits by hand.
func Files(pass *analysis.Pass) iter.Seq2[*ast.File, inspector.Cursor] {
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	return func(yield func(*ast.File, inspector.Cursor) bool) {
		for c := range ins.Root().Children() {
			f, ok := c.Node().(*ast.File)
			if !ok || ast.IsGenerated(f) {
				continue
			}
			if !yield(f, c) {
				return
			}
		}
	}
}

// Report reports a finding of rule over [pos, end) with the rule's default
// severity; end may be token.NoPos.
func (r *Reporter) Report(rule *lint.Meta, pos, end token.Pos, format string, args ...any) {
	r.ReportSeverity(rule, 0, pos, end, format, args...)
}

// ReportSeverity is Report with a severity other than the rule's default
// (0 means the default).
func (r *Reporter) ReportSeverity(rule *lint.Meta, sev lint.Severity, pos, end token.Pos, format string, args ...any) {
	r.report(rule, sev, pos, end, nil, format, args...)
}

// ReportFix is ReportSeverity with fixes a driver may offer or apply
// (gopls' quick fixes, golangci-lint --fix, grantguard check --fix). A
// fix's edits never hold a secret: they replace only what they change.
func (r *Reporter) ReportFix(rule *lint.Meta, sev lint.Severity, pos, end token.Pos, fixes []analysis.SuggestedFix, format string, args ...any) {
	r.report(rule, sev, pos, end, fixes, format, args...)
}

func (r *Reporter) report(rule *lint.Meta, sev lint.Severity, pos, end token.Pos, fixes []analysis.SuggestedFix, format string, args ...any) {
	if !r.set.Unfiltered && (r.cfg.Disabled[rule.ID] || r.suppressed(rule.ID, pos)) {
		return
	}
	msg := rule.ID + ": " + fmt.Sprintf(format, args...)
	cat := rule.ID
	if sev != 0 && sev != rule.Severity {
		cat += "/" + sev.String()
	}
	// The same constant can be reached from several call sites, and test
	// variants of a package are analyzed twice by some drivers.
	key := fmt.Sprintf("%d %d %s %s", pos, end, cat, msg)
	if r.reported[key] {
		return
	}
	r.reported[key] = true
	if end <= pos {
		end = token.NoPos
	}
	r.pass.Report(analysis.Diagnostic{Pos: pos, End: end, Category: cat, Message: msg, URL: rule.DocURL(), SuggestedFixes: fixes})
}
