package diag

import (
	"go/ast"
	"go/token"
	"strings"
)

// suppression is one directive in a Go comment: `grantguard:ignore RULE[,RULE]
// reason` or `nolint[:linter[,linter]]` where a linter is grantguard (every
// rule), grantguard:RULE, or all. all is set when every rule is covered.
type suppression struct {
	rules []string
	all   bool
}

func (s suppression) covers(rule string) bool {
	if s.all {
		return true
	}
	for _, r := range s.rules {
		if r == rule {
			return true
		}
	}
	return false
}

// suppressed reports whether a directive on the finding's line or the line
// above covers rule.
func (r *Reporter) suppressed(rule string, pos token.Pos) bool {
	tf := r.pass.Fset.File(pos)
	if tf == nil {
		return false
	}
	if r.ignores == nil {
		r.ignores = map[*token.File]map[int][]suppression{}
	}
	byLine, ok := r.ignores[tf]
	if !ok {
		byLine = map[int][]suppression{}
		for _, f := range r.pass.Files {
			if r.pass.Fset.File(f.FileStart) == tf {
				byLine = suppressions(r.pass.Fset, f)
				break
			}
		}
		r.ignores[tf] = byLine
	}
	line := tf.Line(pos)
	for _, l := range []int{line, line - 1} {
		for _, s := range byLine[l] {
			if s.covers(rule) {
				return true
			}
		}
	}
	return false
}

// suppressions returns the suppression directives of f by line.
func suppressions(fset *token.FileSet, f *ast.File) map[int][]suppression {
	out := map[int][]suppression{}
	for _, g := range f.Comments {
		for _, c := range g.List {
			text := c.Text
			if !strings.Contains(text, "grantguard:ignore") && !strings.Contains(text, "nolint") {
				continue
			}
			if s, ok := parseSuppression(text); ok {
				line := fset.Position(c.Slash).Line
				out[line] = append(out[line], s)
			}
		}
	}
	return out
}

// parseSuppression reads one Go comment ("//..." or "/*...*/").
func parseSuppression(comment string) (suppression, bool) {
	text := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(comment, "//"), "/*"), "*/")
	text = strings.TrimSpace(text)
	if k := strings.Index(text, "grantguard:ignore"); k >= 0 {
		fields := strings.Fields(text[k+len("grantguard:ignore"):])
		if len(fields) == 0 {
			return suppression{}, false
		}
		var s suppression
		for _, r := range strings.Split(fields[0], ",") {
			if r = strings.TrimSpace(r); r != "" {
				s.rules = append(s.rules, r)
			}
		}
		return s, len(s.rules) > 0
	}
	// golangci-lint's form: the directive starts the comment, "nolint"
	// alone covers every linter, a list after ":" names linters, and
	// anything after a space is the reason.
	if !strings.HasPrefix(text, "nolint") {
		return suppression{}, false
	}
	rest := text[len("nolint"):]
	if rest == "" || rest[0] == ' ' || rest[0] == '\t' {
		return suppression{all: true}, true
	}
	if rest[0] != ':' {
		return suppression{}, false
	}
	list, _, _ := strings.Cut(rest[1:], " ")
	var s suppression
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		switch {
		case item == "all" || item == "grantguard":
			s.all = true
		case strings.HasPrefix(item, "grantguard:"):
			s.rules = append(s.rules, strings.TrimPrefix(item, "grantguard:"))
		}
	}
	return s, s.all || len(s.rules) > 0
}
