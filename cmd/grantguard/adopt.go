package main

import (
	"context"
	"fmt"
	"io"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/baseline"
	"github.com/grantguard/grantguard/lint/gitdiff"
)

// adoption holds the check flags that narrow a report to what is new:
// --write-baseline, --baseline and --new-from-rev.
type adoption struct {
	writeBaseline, baseline, newFromRev string
}

// prepared is what the adoption flags need before the run, loaded first so
// that a bad baseline or revision fails fast, before any linting.
type prepared struct {
	baseline *baseline.Baseline
	changes  *gitdiff.Changes
}

func (a adoption) prepare(ctx context.Context, wd string) (*prepared, error) {
	var p prepared
	if a.baseline != "" {
		b, err := baseline.Load(a.baseline, wd)
		if err != nil {
			return nil, err
		}
		p.baseline = b
	}
	if a.newFromRev != "" {
		c, err := gitdiff.Since(ctx, wd, a.newFromRev)
		if err != nil {
			return nil, err
		}
		p.changes = c
	}
	return &p, nil
}

// reportFilter narrows the report, piece by piece as the run emits it: it
// leaves out the findings the baseline hides and, with --new-from-rev,
// those on lines not changed since the revision. With --write-baseline it
// keeps every finding for the baseline and passes none on: they are
// accepted, and the report shows what a run with the new baseline shows,
// which is nothing.
type reportFilter struct {
	a         adoption
	p         *prepared
	wd        string
	matcher   *baseline.Matcher
	unchanged int            // findings left out by --new-from-rev
	recorded  []lint.Finding // for --write-baseline
}

func (a adoption) filter(p *prepared, wd string) *reportFilter {
	f := &reportFilter{a: a, p: p, wd: wd}
	if p.baseline != nil && a.writeBaseline == "" {
		f.matcher = p.baseline.Matcher(wd)
	}
	return f
}

// apply returns the findings of one piece that the report shows.
func (f *reportFilter) apply(findings []lint.Finding) []lint.Finding {
	if f.a.writeBaseline != "" {
		f.recorded = append(f.recorded, findings...)
		return nil
	}
	if f.matcher != nil {
		findings = f.matcher.Filter(findings)
	}
	if f.p.changes != nil {
		kept := findings[:0:0]
		for _, fd := range findings {
			if f.p.changes.Contains(f.wd, fd.Path, fd.Line) {
				kept = append(kept, fd)
			}
		}
		f.unchanged += len(findings) - len(kept)
		findings = kept
	}
	return findings
}

// finish writes the baseline of --write-baseline and says on stderr what
// the filter left out, so that a passing run never hides the fact that
// findings exist.
func (f *reportFilter) finish(stderr io.Writer) error {
	if f.a.writeBaseline != "" {
		b, err := baseline.Write(f.a.writeBaseline, f.recorded, f.wd)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "grantguard: recorded %s in baseline %s\n", plural(b.Len(), "finding"), f.a.writeBaseline)
		return nil
	}
	if f.matcher != nil && f.matcher.Hidden > 0 {
		fmt.Fprintf(stderr, "grantguard: %s hidden by baseline %s\n", plural(f.matcher.Hidden, "finding"), f.a.baseline)
	}
	if f.unchanged > 0 {
		fmt.Fprintf(stderr, "grantguard: %s on lines not changed since %s left out (--new-from-rev)\n", plural(f.unchanged, "finding"), f.a.newFromRev)
	}
	return nil
}

// plural renders "1 finding", "2 findings".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
