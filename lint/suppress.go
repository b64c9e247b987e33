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
	// The directive is golangci-lint's //nolint form in Go (see
	// parseNolint) when nolint is set; all is set when it covers every rule.
	nolint, all bool
}

// name is how messages refer to the directive.
func (d *ignoreDirective) name() string {
	if d.nolint {
		return "nolint:grantguard"
	}
	return "grantguard:ignore"
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
	case KindPgBouncer:
		return []string{";", "#"}
	case KindUserList:
		return []string{";"} // PgBouncer stops reading an auth_file at a "#" line
	}
	return []string{"#"}
}

// parseIgnores finds the suppression comments of a file. A directive counts
// only at the start of a comment, as //nolint and //lint:ignore do, so that
// prose about suppression ("write grantguard:ignore RULE reason") is not
// one: when the file kind's scanner gave the comment spans (comments
// non-nil), the directive must open one of them; otherwise the text before
// it on the line must end in one of the kind's comment leaders.
func parseIgnores(f *File, comments []Span) []*ignoreDirective {
	var out []*ignoreDirective
	if f.Kind == KindGo {
		out = parseNolint(f, comments)
	}
	if !strings.Contains(string(f.Src), "grantguard:ignore") {
		return out
	}
	markers := commentMarkers(f.Kind)
	for ln := 1; ln <= f.Lines.Lines(); ln++ {
		text, start := f.Lines.Line(ln)
		k := strings.Index(text, "grantguard:ignore")
		if k < 0 {
			continue
		}
		if after := text[k+len("grantguard:ignore"):]; after != "" && after[0] != ' ' && after[0] != '\t' && after[0] != '*' {
			continue // "grantguard:ignore," in prose
		}
		if !commentStart(f.Src, text[:k], start+k, markers, comments) {
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
		if d.all {
			return true
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

// commentStart reports whether the directive at file offset off opens a
// comment: only a comment leader and blanks stand between them.
func commentStart(src []byte, before string, off int, markers []string, comments []Span) bool {
	if comments != nil {
		for _, c := range comments {
			if c.Start <= off && off < c.End {
				return leaderOnly(string(src[c.Start:off]), markers)
			}
		}
		return false
	}
	for _, m := range markers {
		if k := strings.LastIndex(before, m); k >= 0 && leaderOnly(before[k:], markers) {
			return true
		}
	}
	return false
}

// leaderOnly reports whether s is a comment leader followed by blanks.
func leaderOnly(s string, markers []string) bool {
	for _, m := range markers {
		if rest, ok := strings.CutPrefix(s, m); ok && strings.TrimLeft(rest, " \t") == "" {
			return true
		}
	}
	return false
}

// parseNolint finds golangci-lint's directives in Go comments (comments
// are the exact comment spans): "//nolint" and "//nolint:all" cover every
// rule, "//nolint:grantguard" every grantguard rule, and
// "//nolint:grantguard:RULE" one rule; a list after ":" may name other
// linters too, and text after a space is the reason. Like
// grantguard:ignore, a directive covers its own line and the next.
func parseNolint(f *File, comments []Span) []*ignoreDirective {
	if comments == nil || !strings.Contains(string(f.Src), "nolint") {
		return nil
	}
	var out []*ignoreDirective
	for _, c := range comments {
		text := string(f.Src[c.Start:c.End])
		if strings.HasPrefix(text, "/*") {
			text = strings.TrimSuffix(text[2:], "*/")
		} else {
			text = strings.TrimPrefix(text, "//")
		}
		text = strings.TrimLeft(text, " \t")
		if !strings.HasPrefix(text, "nolint") {
			continue
		}
		rest := text[len("nolint"):]
		d := &ignoreDirective{off: c.Start, used: map[string]bool{}, nolint: true}
		d.line, _ = f.Lines.Position(c.Start)
		switch {
		case rest == "" || strings.ContainsAny(rest[:1], " \t\r\n"):
			d.all = true
		case rest[0] == ':':
			list, _, _ := strings.Cut(strings.TrimRight(rest[1:], " \t\r\n"), " ")
			for _, item := range strings.Split(list, ",") {
				switch item = strings.TrimSpace(item); {
				case item == "all" || item == "grantguard":
					d.all = true
				case strings.HasPrefix(item, "grantguard:"):
					d.rules = append(d.rules, strings.TrimPrefix(item, "grantguard:"))
				}
			}
		}
		if d.all || len(d.rules) > 0 {
			out = append(out, d)
		}
	}
	return out
}
