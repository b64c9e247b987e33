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

// filter records the findings with --write-baseline (and then reports
// none: they were just accepted); else it leaves out those the baseline
// hides and, with --new-from-rev, those on lines not changed since the
// revision. It says on stderr what it left out, so that a
// passing run never hides the fact that findings exist.
func (a adoption) filter(p *prepared, findings []lint.Finding, wd string, stderr io.Writer) ([]lint.Finding, error) {
	if a.writeBaseline != "" {
		b, err := baseline.Write(a.writeBaseline, findings, wd)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(stderr, "grantguard: recorded %s in baseline %s\n", plural(b.Len(), "finding"), a.writeBaseline)
		// The findings just recorded are accepted: the report shows what a
		// run with the new baseline shows, which is nothing.
		kept, _ := b.Filter(findings, wd)
		return kept, nil
	}
	if p.baseline != nil {
		var hidden int
		findings, hidden = p.baseline.Filter(findings, wd)
		if hidden > 0 {
			fmt.Fprintf(stderr, "grantguard: %s hidden by baseline %s\n", plural(hidden, "finding"), a.baseline)
		}
	}
	if p.changes != nil {
		kept := findings[:0:0]
		for _, f := range findings {
			if p.changes.Contains(wd, f.Path, f.Line) {
				kept = append(kept, f)
			}
		}
		if n := len(findings) - len(kept); n > 0 {
			fmt.Fprintf(stderr, "grantguard: %s on lines not changed since %s left out (--new-from-rev)\n", plural(n, "finding"), a.newFromRev)
		}
		findings = kept
	}
	return findings, nil
}

// plural renders "1 finding", "2 findings".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
