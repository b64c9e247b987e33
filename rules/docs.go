package rules

import (
	"fmt"
	"strings"

	"github.com/grantguard/grantguard/lint"
)

// fence returns the code-fence language for a rule's examples.
func fence(m *lint.Meta) string {
	if strings.HasPrefix(m.Bad, "resource \"") || strings.HasPrefix(m.Bad, "module \"") {
		return "hcl" // Terraform
	}
	if len(m.Kinds) > 0 {
		switch m.Kinds[0] {
		case lint.KindSQL:
			return "sql"
		case lint.KindHBA, lint.KindPGConf:
			return "conf"
		case lint.KindConfig:
			return "yaml"
		case lint.KindEnv:
			return "sh"
		case lint.KindGo:
			return "go"
		}
	}
	return "text"
}

func kindList(r *lint.Rule) string {
	var ks []string
	switch r.ID {
	case UnrecordedAccess.ID, MissingAccess.ID:
		return "a live server against the SQL migrations (grantguard drift)"
	}
	for _, k := range r.Kinds {
		ks = append(ks, k.String())
	}
	if r.Live != nil {
		ks = append(ks, "a live server (grantguard audit)")
	}
	return strings.Join(ks, ", ")
}

// Explain renders one rule for `grantguard explain`.
func Explain(r *lint.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n%s\n\n", r.ID, r.Severity, r.Title)
	fmt.Fprintf(&b, "Why:\n%s\n\n", wrap(r.Rationale, 76, "  "))
	fmt.Fprintf(&b, "Instead of:\n%s\n\n", indent(r.Bad, "    "))
	fmt.Fprintf(&b, "Use:\n%s\n\n", indent(r.Good, "    "))
	fmt.Fprintf(&b, "Fix:\n%s\n\n", wrap(r.Fix, 76, "  "))
	if len(r.References) > 0 {
		b.WriteString("References:\n")
		for _, ref := range r.References {
			fmt.Fprintf(&b, "  - %s\n", ref)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "Applies to: %s\nSuppress: grantguard:ignore %s <reason>\nDocs: %s\n", kindList(r), r.ID, r.DocURL())
	return b.String()
}

// Markdown renders docs/rules.md from the catalogue.
func Markdown(cat lint.Catalogue) string {
	var b strings.Builder
	b.WriteString("# grantguard rules\n\n")
	b.WriteString("<!-- Generated from the rule metadata in rules/*.go by `go test ./rules -run TestDocsUpToDate -update`. Do not edit. -->\n\n")
	b.WriteString("| ID | Default severity | What it flags |\n|---|---|---|\n")
	for _, r := range cat {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s |\n", r.ID, r.ID, r.Severity, r.Title)
	}
	for _, r := range cat {
		fence := fence(&r.Meta)
		fmt.Fprintf(&b, "\n## %s\n\n", r.ID)
		fmt.Fprintf(&b, "**%s.** Default severity: %s. Applies to: %s.\n\n", r.Title, r.Severity, kindList(r))
		fmt.Fprintf(&b, "%s\n\n", r.Rationale)
		fmt.Fprintf(&b, "Instead of:\n\n```%s\n%s\n```\n\nUse:\n\n```%s\n%s\n```\n\n", fence, r.Bad, fence, r.Good)
		fmt.Fprintf(&b, "**Fix:** %s\n\n", r.Fix)
		if len(r.References) > 0 {
			b.WriteString("**References:**\n\n")
			for _, ref := range r.References {
				fmt.Fprintf(&b, "- %s\n", lint.MarkdownReference(ref))
			}
			b.WriteString("\n")
		}
		if r.ID == UnrecordedAccess.ID || r.ID == MissingAccess.ID {
			b.WriteString("Scope it with `[drift]` in the config: `schemas` to compare, `ignore_roles` to leave out (the platform's own roles).\n")
			continue
		}
		fmt.Fprintf(&b, "Suppress one finding with a comment on its line or the line above: `grantguard:ignore %s <reason>`.\n", r.ID)
	}
	return b.String()
}

func indent(s, pre string) string {
	return pre + strings.ReplaceAll(s, "\n", "\n"+pre)
}

// wrap breaks text into lines of at most width characters.
func wrap(s string, width int, pre string) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(s) {
		switch {
		case i == 0:
			b.WriteString(pre)
			n = len(pre)
		case n+1+len(w) > width:
			b.WriteString("\n" + pre)
			n = len(pre)
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}
