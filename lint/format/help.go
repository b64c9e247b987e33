package format

import (
	"strings"

	"github.com/grantguard/grantguard/lint"
)

// helpText renders a rule's help as plain text: the rationale, the bad
// example ("Instead of:"), the good one ("Use:"), the fix, the references
// and the docs link. Sections without content are left out.
func helpText(m *lint.Meta) string {
	var parts []string
	if s := strings.TrimSpace(m.Rationale); s != "" {
		parts = append(parts, s)
	}
	if s := trimExample(m.Bad); s != "" {
		parts = append(parts, "Instead of:\n\n"+indent(s, "    "))
	}
	if s := trimExample(m.Good); s != "" {
		parts = append(parts, "Use:\n\n"+indent(s, "    "))
	}
	if s := strings.TrimSpace(m.Fix); s != "" {
		parts = append(parts, "Fix: "+s)
	}
	if len(m.References) > 0 {
		parts = append(parts, "References:\n\n- "+strings.Join(m.References, "\n- "))
	}
	parts = append(parts, "Docs: "+m.DocURL())
	return strings.Join(parts, "\n\n")
}

// helpMarkdown renders the same help as helpText in Markdown, with the
// examples in fenced code blocks highlighted for the rule's file kind.
func helpMarkdown(m *lint.Meta) string {
	lang := fenceLanguage(m.Kinds)
	var parts []string
	if s := strings.TrimSpace(m.Rationale); s != "" {
		parts = append(parts, s)
	}
	if s := trimExample(m.Bad); s != "" {
		parts = append(parts, "## Instead of\n\n"+fence(s, lang))
	}
	if s := trimExample(m.Good); s != "" {
		parts = append(parts, "## Use\n\n"+fence(s, lang))
	}
	if s := strings.TrimSpace(m.Fix); s != "" {
		parts = append(parts, "## Fix\n\n"+s)
	}
	if len(m.References) > 0 {
		refs := make([]string, len(m.References))
		for i, ref := range m.References {
			refs[i] = "- " + lint.MarkdownReference(ref)
		}
		parts = append(parts, "## References\n\n"+strings.Join(refs, "\n"))
	}
	parts = append(parts, "[Rule documentation: "+m.ID+"]("+m.DocURL()+")")
	return strings.Join(parts, "\n\n")
}

// HelpMarkdown renders a rule's help in Markdown, as SARIF's
// help.markdown carries it and an editor shows it on hover.
func HelpMarkdown(m *lint.Meta) string { return helpMarkdown(m) }

// fenceLanguage picks the code fence language for a rule's examples. The
// first kind a rule lists is the one its examples are written in.
func fenceLanguage(kinds []lint.Kind) string {
	if len(kinds) == 0 {
		return "text"
	}
	switch kinds[0] {
	case lint.KindSQL:
		return "sql"
	case lint.KindGo:
		return "go"
	case lint.KindPGConf:
		return "ini" // postgresql.conf is key = value with # comments
	case lint.KindEnv:
		return "sh"
	}
	// pg_hba has no highlighter, and a config example may be YAML, JSON
	// or TOML.
	return "text"
}

// fence wraps code in a fenced block longer than any backtick run inside
// it, so an example can never close its own fence.
func fence(code, lang string) string {
	n, run := 3, 0
	for _, r := range code {
		if r == '`' {
			run++
			n = max(n, run+1)
		} else {
			run = 0
		}
	}
	ticks := strings.Repeat("`", n)
	return ticks + lang + "\n" + code + "\n" + ticks
}

// trimExample drops the blank lines around an example but keeps its
// indentation.
func trimExample(s string) string {
	return strings.TrimRight(strings.TrimLeft(s, "\r\n"), " \t\r\n")
}

func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}
