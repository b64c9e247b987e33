package rules

import (
	"strings"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/live"
)

// liveSecurityDefinerSearchPath reports SECURITY DEFINER routines whose
// proconfig sets no search_path.
func liveSecurityDefinerSearchPath(p *lint.LivePass) {
	st := p.State
	for i := range st.Objects {
		o := &st.Objects[i]
		if o.Kind != live.Function || !o.SecurityDefiner {
			continue
		}
		set := false
		for _, c := range o.Config {
			if k, _, _ := strings.Cut(c, "="); strings.EqualFold(k, "search_path") {
				set = true
			}
		}
		if !set {
			what := "function"
			if o.Procedure {
				what = "procedure"
			}
			p.Report(liveObject(st, o.Kind, o.Schema, o.Name), "SECURITY DEFINER %s %s has no SET search_path: "+
				"callers can hijack unqualified names to run code as its owner %s", what, o.QualifiedName(), o.Owner)
		}
	}
}
