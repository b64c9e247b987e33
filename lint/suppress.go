package lint

import (
	"regexp"
	"strings"
)

// ignoreDirective is one `grantguard:ignore RULE[,RULE...] [reason]` comment.
type ignoreDirective struct {
	line, off int      // 1-based line; file offset of "grantguard:ignore"
	rules     []string // as written
	reason    string
	used      map[string]bool
}

var ignoreRE = regexp.MustCompile(`grantguard:ignore(?:[ \t]+([A-Za-z0-9_-]+(?:[ \t]*,[ \t]*[A-Za-z0-9_-]+)*))?(?:[ \t]+(.*))?`)

// commentMarkers returns the comment leaders of a file kind.
func commentMarkers(k Kind) []string {
	switch k {
	case KindSQL:
		return []string{"--", "/*"}
	case KindGo:
		return []string{"//", "/*"}
	case KindText:
		return []string{"#", "//", "--", "/*"}
	case KindConfig:
		return []string{"#", "//"}
	}
	return []string{"#"}
}

// parseIgnores finds the suppression comments of a file. A directive counts
// only inside a comment: when the file kind's scanner gave the comment spans
// (comments non-nil), it must lie in one; otherwise the text before it on the
// line must hold one of the kind's comment leaders.
func parseIgnores(f *File, comments []Span) []*ignoreDirective {
	if !strings.Contains(string(f.Src), "grantguard:ignore") {
		return nil
	}
	var out []*ignoreDirective
	markers := commentMarkers(f.Kind)
	for ln := 1; ln <= f.Lines.Lines(); ln++ {
		text, start := f.Lines.Line(ln)
		k := strings.Index(text, "grantguard:ignore")
		if k < 0 {
			continue
		}
		if !inComment(text[:k], start+k, markers, comments) {
			continue
		}
		m := ignoreRE.FindStringSubmatch(text[k:])
		d := &ignoreDirective{line: ln, off: start + k, used: map[string]bool{}}
		for _, r := range strings.Split(m[1], ",") {
			if r = strings.TrimSpace(r); r != "" {
				d.rules = append(d.rules, r)
			}
		}
		d.reason = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(m[2]), "*/"))
		out = append(out, d)
	}
	return out
}

// suppressed reports whether a finding of rule on line is covered by a
// directive, and marks the directive used.
func suppressed(ds []*ignoreDirective, rule string, line int) bool {
	for _, d := range ds {
		if line != d.line && line != d.line+1 {
			continue
		}
		for _, r := range d.rules {
			if r == rule {
				d.used[r] = true
				return true
			}
		}
	}
	return false
}

func inComment(before string, off int, markers []string, comments []Span) bool {
	if comments != nil {
		for _, c := range comments {
			if c.Start <= off && off < c.End {
				return true
			}
		}
		return false
	}
	for _, m := range markers {
		if strings.Contains(before, m) {
			return true
		}
	}
	return false
}
