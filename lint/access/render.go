package access

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// Formats are the access-report output formats, the default first.
var Formats = []string{"markdown", "json", "csv", "html"}

// Write renders rep in format (one of Formats).
func Write(w io.Writer, format string, rep *Report) error {
	switch format {
	case "markdown":
		return writeMarkdown(w, rep)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	case "csv":
		return writeCSV(w, rep)
	case "html":
		return writeHTML(w, rep)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// mdCell escapes a Markdown table cell.
func mdCell(s string) string {
	if s == "" {
		return "—"
	}
	return mdText(s)
}

// mdEscaper keeps names from the migrations (which may hold any
// character) from turning into HTML, table columns or extra lines.
var mdEscaper = strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ", "&", "&amp;", "<", "&lt;", ">", "&gt;")

// mdText escapes text for Markdown outside code.
func mdText(s string) string { return mdEscaper.Replace(s) }

func orNone(ss []string) string {
	if len(ss) == 0 {
		return "—"
	}
	return strings.Join(ss, ", ")
}

func (r RoleReport) memberships() []string {
	var out []string
	for _, m := range r.MemberOf {
		s := m.Role
		var opts []string
		if m.Admin {
			opts = append(opts, "ADMIN OPTION")
		}
		if !m.Inherit {
			opts = append(opts, "not inherited")
		}
		if len(opts) > 0 {
			s += " (" + strings.Join(opts, ", ") + ")"
		}
		out = append(out, s)
	}
	return out
}

func (g Grant) privText() string {
	var ps []string
	for i, p := range g.Privileges {
		if g.Via[i] != "" {
			p += " via " + g.Via[i]
		}
		ps = append(ps, p)
	}
	s := strings.Join(ps, ", ")
	if g.Owner {
		s = "owner: " + s
	}
	return s
}

// mermaidEscaper writes a role name as Mermaid label text: its entity
// codes instead of characters that would end the label or become HTML.
var mermaidEscaper = strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;", "&", "#amp;", "\n", " ")

func tierLabel(tier string) string {
	if tier == "" {
		return ""
	}
	return "<br/>" + tier
}

// mermaid renders the membership graph: an arrow from member to role.
func mermaid(rep *Report) string {
	var b strings.Builder
	b.WriteString("graph LR\n")
	ids := map[string]string{}
	for i, r := range rep.Roles {
		ids[r.Name] = fmt.Sprintf("r%d", i)
		fmt.Fprintf(&b, "  %s[\"%s\"]\n", ids[r.Name], mermaidEscaper.Replace(r.Name)+tierLabel(r.Tier))
	}
	for _, r := range rep.Roles {
		for _, m := range r.MemberOf {
			to, ok := ids[m.Role]
			if !ok {
				continue
			}
			var opts []string
			if m.Admin {
				opts = append(opts, "admin")
			}
			if !m.Inherit {
				opts = append(opts, "noinherit")
			}
			if len(opts) > 0 {
				fmt.Fprintf(&b, "  %s -- %s --> %s\n", ids[r.Name], strings.Join(opts, ", "), to)
			} else {
				fmt.Fprintf(&b, "  %s --> %s\n", ids[r.Name], to)
			}
		}
	}
	return b.String()
}

// writeRowSecurityMarkdown writes the row-level security section: the
// tables an API role reaches without it first.
func writeRowSecurityMarkdown(b *strings.Builder, rs *RowSecurity) {
	if rs == nil {
		return
	}
	fmt.Fprintf(b, "\n## Row-level security\n\nAPI: %s.\n", mdText(rs.apiText()))
	if len(rs.Tables) > 0 {
		b.WriteString("\n| table | row security | API roles reach | policies |\n|---|---|---|---|\n")
		for _, t := range rs.Tables {
			name := mdCell(t.Object)
			if t.Kind != RelTable {
				name = string(t.Kind) + " " + name
			}
			if t.Open {
				name = "**" + name + " (exposed without row-level security)**"
			}
			var pols []string
			for _, p := range t.Policies {
				pols = append(pols, mdCell(p.policyText()))
			}
			exposed := "none"
			if len(t.Exposed) > 0 {
				exposed = mdCell(strings.Join(t.Exposed, "; "))
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n", name, t.RowSecurity, exposed, policyCell(pols))
		}
	}
	for _, r := range rs.Roles {
		fmt.Fprintf(b, "\n### API role %s\n\n", mdText(r.Role))
		if len(r.Objects) == 0 {
			b.WriteString("Reaches nothing through the API.\n")
			continue
		}
		b.WriteString("| object | privileges |\n|---|---|\n")
		for _, g := range r.Objects {
			fmt.Fprintf(b, "| %s %s | %s |\n", g.Kind, mdCell(g.Object), mdCell(g.privText()))
		}
	}
}

// policyCell joins a table's policies into one Markdown cell.
func policyCell(pols []string) string {
	if len(pols) == 0 {
		return "—"
	}
	return strings.Join(pols, "<br>")
}

func writeMarkdown(w io.Writer, rep *Report) error {
	var b strings.Builder
	if rep.Server != "" {
		fmt.Fprintf(&b, "# Access review\n\nDatabase `%s` read from %s", rep.Database, rep.Server)
	} else {
		fmt.Fprintf(&b, "# Access review\n\n%d migrations replayed as `%s`", len(rep.Files), rep.User)
	}
	fmt.Fprintf(&b, "; %d roles, %d policy violations, %d notes.\n\n", len(rep.Roles), len(rep.Violations), len(rep.Notes))
	b.WriteString("## Role membership\n\nAn arrow points from a member to the role it is granted.\n\n```mermaid\n")
	b.WriteString(mermaid(rep))
	b.WriteString("```\n\n## Privileges by schema\n\n| role |")
	for _, s := range rep.Schemas {
		fmt.Fprintf(&b, " %s |", mdCell(s))
	}
	b.WriteString("\n|---|")
	for range rep.Schemas {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, row := range rep.Matrix {
		fmt.Fprintf(&b, "| %s |", mdCell(row.Role))
		for _, c := range row.Cells {
			fmt.Fprintf(&b, " %s |", mdCell(c))
		}
		b.WriteString("\n")
	}
	writeRowSecurityMarkdown(&b, rep.RowSecurity)
	b.WriteString("\n## Roles\n")
	for _, r := range rep.Roles {
		fmt.Fprintf(&b, "\n### %s\n\n", mdText(r.Name))
		tier := r.Tier
		if tier == "" {
			tier = "not declared"
		}
		fmt.Fprintf(&b, "- tier: %s\n- attributes: %s\n", tier, orNone(r.Attributes))
		if r.ValidUntil != "" {
			fmt.Fprintf(&b, "- valid until: %s\n", mdText(r.ValidUntil))
		}
		if r.External {
			b.WriteString("- not created by the migrations\n")
		}
		fmt.Fprintf(&b, "- member of: %s\n- inherits privileges of: %s\n", mdText(orNone(r.memberships())), mdText(orNone(r.Inherited)))
		if len(r.SetRole) > 0 {
			fmt.Fprintf(&b, "- can SET ROLE to (privileges not inherited): %s\n", mdText(orNone(r.SetRole)))
		}
		if len(r.Violations) > 0 {
			b.WriteString("- **violations:**\n")
			for _, v := range r.Violations {
				fmt.Fprintf(&b, "  - %s\n", mdText(v))
			}
		}
		if len(r.Privileges) > 0 {
			b.WriteString("\n| object | privileges |\n|---|---|\n")
			for _, g := range r.Privileges {
				fmt.Fprintf(&b, "| %s %s | %s |\n", g.Kind, mdCell(g.Object), mdCell(g.privText()))
			}
		}
	}
	if len(rep.Public) > 0 {
		b.WriteString("\n### PUBLIC (every role)\n\nGranted to PUBLIC beyond what every database starts with:\n\n| object | privileges |\n|---|---|\n")
		for _, g := range rep.Public {
			fmt.Fprintf(&b, "| %s %s | %s |\n", g.Kind, mdCell(g.Object), mdCell(g.privText()))
		}
	}
	b.WriteString("\n## Not followed\n\n")
	if len(rep.Notes) == 0 {
		b.WriteString("The replay followed every statement.\n")
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(&b, "- %s:%d: %s\n", mdText(n.Path), n.Line, mdText(n.Msg))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeCSV writes one row per fact, for spreadsheets and diffs: the
// record column says which fact (attribute, valid_until, member_of,
// can_set_role, privilege, violation, row_security, api_reach, policy,
// note); the other columns are filled as the fact needs.
func writeCSV(w io.Writer, rep *Report) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"record", "role", "tier", "kind", "object", "privilege", "via", "owner", "detail", "path", "line"})
	row := func(record, role, tier string, rest ...string) {
		r := append([]string{record, role, tier}, rest...)
		for len(r) < 11 {
			r = append(r, "")
		}
		for i := range r {
			r[i] = csvCell(r[i])
		}
		_ = cw.Write(r)
	}
	for _, r := range rep.Roles {
		for _, a := range r.Attributes {
			row("attribute", r.Name, r.Tier, "", "", "", "", "", a)
		}
		if r.ValidUntil != "" {
			row("valid_until", r.Name, r.Tier, "", "", "", "", "", r.ValidUntil)
		}
		for _, m := range r.MemberOf {
			var opts []string
			if m.Admin {
				opts = append(opts, "admin option")
			}
			if !m.Inherit {
				opts = append(opts, "not inherited")
			}
			row("member_of", r.Name, r.Tier, "role", m.Role, "", "", "", strings.Join(opts, "; "))
		}
		for _, sr := range r.SetRole {
			row("can_set_role", r.Name, r.Tier, "role", sr)
		}
		for _, g := range r.Privileges {
			for i, p := range g.Privileges {
				row("privilege", r.Name, r.Tier, string(g.Kind), g.Object, p, g.Via[i], fmt.Sprint(g.Owner))
			}
		}
	}
	for _, g := range rep.Public {
		for _, p := range g.Privileges {
			row("privilege", Public, "", string(g.Kind), g.Object, p, "", "false")
		}
	}
	tiers := map[string]string{}
	for _, r := range rep.Roles {
		tiers[r.Name] = r.Tier
	}
	for _, v := range rep.Violations {
		row("violation", v.Role, tiers[v.Role], "", "", "", "", "", v.Msg, v.Path, fmt.Sprint(v.Line))
	}
	if rs := rep.RowSecurity; rs != nil {
		for _, t := range rs.Tables {
			kind := "table"
			if t.Kind != RelTable {
				kind = string(t.Kind)
			}
			row("row_security", "", "", kind, t.Object, "", "", "", t.RowSecurity)
			for _, e := range t.Exposed {
				role, privs, _ := strings.Cut(e, ": ")
				row("api_reach", role, tiers[role], kind, t.Object, privs)
			}
			for _, p := range t.Policies {
				row("policy", strings.Join(p.Roles, " "), "", kind, t.Object, p.Command, "", "", p.policyText(), p.Path, fmt.Sprint(p.Line))
			}
		}
	}
	for _, n := range rep.Notes {
		row("note", "", "", "", "", "", "", "", n.Msg, n.Path, fmt.Sprint(n.Line))
	}
	cw.Flush()
	return cw.Error()
}

// csvCell keeps a value from the migrations (a quoted role name may hold
// anything) from being run as a formula when the CSV is opened in a
// spreadsheet: a cell that starts with =, +, -, @, tab or CR gets a leading
// apostrophe, as OWASP advises.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// svgGraph lays the membership graph out in columns: a role stands one
// column right of its rightmost member.
func svgGraph(rep *Report) template.HTML {
	col := map[string]int{}
	var depth func(name string, seen map[string]bool) int
	byName := map[string]RoleReport{}
	for _, r := range rep.Roles {
		byName[r.Name] = r
	}
	members := map[string][]string{}
	for _, r := range rep.Roles {
		for _, m := range r.MemberOf {
			members[m.Role] = append(members[m.Role], r.Name)
		}
	}
	depth = func(name string, seen map[string]bool) int {
		if d, ok := col[name]; ok {
			return d
		}
		if seen[name] {
			return 0
		}
		seen[name] = true
		d := 0
		for _, m := range members[name] {
			d = max(d, depth(m, seen)+1)
		}
		col[name] = d
		return d
	}
	rows := map[int]int{}
	type node struct{ x, y int }
	pos := map[string]node{}
	names := make([]string, 0, len(rep.Roles))
	for _, r := range rep.Roles {
		names = append(names, r.Name)
	}
	sort.Strings(names)
	const h, gapX, gapY = 34, 60, 16
	// Boxes are as wide as the longest label (about 7 px a character).
	w := 170
	for _, r := range rep.Roles {
		w = max(w, 16+7*utf8.RuneCountInString(r.Name+" ("+r.Tier+")"))
	}
	width, height := 0, 0
	for _, n := range names {
		c := depth(n, map[string]bool{})
		pos[n] = node{10 + c*(w+gapX), 10 + rows[c]*(h+gapY)}
		rows[c]++
		width = max(width, pos[n].x+w+10)
		height = max(height, pos[n].y+h+10)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">`, width, height)
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0L10,5L0,10z"/></marker></defs>`)
	for _, n := range names {
		for _, m := range byName[n].MemberOf {
			to, ok := pos[m.Role]
			if !ok {
				continue
			}
			from := pos[n]
			dash := ""
			if !m.Inherit {
				dash = ` stroke-dasharray="4 3"`
			}
			fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"%s marker-end="url(#arrow)"/>`, from.x+w, from.y+h/2, to.x, to.y+h/2, dash)
		}
	}
	for _, n := range names {
		p := pos[n]
		label := n
		if t := byName[n].Tier; t != "" {
			label += " (" + t + ")"
		}
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" rx="6" fill="#eef" stroke="#446"/><text x="%d" y="%d">%s</text>`,
			p.x, p.y, w, h, p.x+8, p.y+h/2+4, template.HTMLEscapeString(label))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) //nolint:gosec // every name in it is escaped above
}

var htmlPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"none": orNone, "cell": func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	},
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Access review</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}.bad{color:#a00}</style>
</head><body>
<h1>Access review</h1>
<p>{{if .Rep.Server}}Database <code>{{.Rep.Database}}</code> read from {{.Rep.Server}}{{else}}{{len .Rep.Files}} migrations replayed as <code>{{.Rep.User}}</code>{{end}}; {{len .Rep.Roles}} roles, {{len .Rep.Violations}} policy violations, {{len .Rep.Notes}} notes.</p>
<h2>Role membership</h2>
<p>An arrow points from a member to the role it is granted; dashed: privileges not inherited.</p>
{{.Graph}}
<h2>Privileges by schema</h2>
<table><tr><th>role</th>{{range .Rep.Schemas}}<th>{{.}}</th>{{end}}</tr>
{{range .Rep.Matrix}}<tr><th>{{.Role}}</th>{{range .Cells}}<td>{{cell .}}</td>{{end}}</tr>
{{end}}</table>
{{with .Rep.RowSecurity}}<h2>Row-level security</h2>
<p>API: {{.APIText}}.</p>
{{if .Tables}}<table><tr><th>table</th><th>row security</th><th>API roles reach</th><th>policies</th></tr>
{{range .Tables}}<tr{{if .Open}} class="bad"{{end}}><td>{{if .Kind}}{{.Kind}} {{end}}{{.Object}}{{if .Open}} <strong>(exposed without row-level security)</strong>{{end}}</td><td>{{.RowSecurity}}</td><td>{{range .Exposed}}{{.}}<br>{{else}}none{{end}}</td><td>{{range .Policies}}{{.Text}}<br>{{else}}—{{end}}</td></tr>
{{end}}</table>{{end}}
{{range .Roles}}<h3>API role {{.Role}}</h3>
{{if .Objects}}<table><tr><th>object</th><th>privileges</th></tr>
{{range .Objects}}<tr><td>{{.Kind}} {{.Object}}</td><td>{{.PrivText}}</td></tr>
{{end}}</table>{{else}}<p>Reaches nothing through the API.</p>{{end}}
{{end}}{{end}}<h2>Roles</h2>
{{range .Rep.Roles}}<h3>{{.Name}}</h3>
<ul><li>tier: {{if .Tier}}{{.Tier}}{{else}}not declared{{end}}</li><li>attributes: {{none .Attributes}}</li>
{{if .ValidUntil}}<li>valid until: {{.ValidUntil}}</li>{{end}}{{if .External}}<li>not created by the migrations</li>{{end}}
<li>member of: {{none .Memberships}}</li><li>inherits privileges of: {{none .Inherited}}</li>
{{if .SetRole}}<li>can SET ROLE to (privileges not inherited): {{none .SetRole}}</li>{{end}}
{{range .Violations}}<li class="bad">violation: {{.}}</li>{{end}}</ul>
{{if .Privileges}}<table><tr><th>object</th><th>privileges</th></tr>
{{range .Privileges}}<tr><td>{{.Kind}} {{.Object}}</td><td>{{.PrivText}}</td></tr>
{{end}}</table>{{end}}
{{end}}{{if .Rep.Public}}<h3>PUBLIC (every role)</h3>
<p>Granted to PUBLIC beyond what every database starts with:</p>
<table><tr><th>object</th><th>privileges</th></tr>
{{range .Rep.Public}}<tr><td>{{.Kind}} {{.Object}}</td><td>{{.PrivText}}</td></tr>
{{end}}</table>{{end}}
<h2>Not followed</h2>
{{if not .Rep.Notes}}<p>The replay followed every statement.</p>{{end}}
<ul>{{range .Rep.Notes}}<li>{{.Path}}:{{.Line}}: {{.Msg}}</li>
{{end}}</ul>
</body></html>
`))

func writeHTML(w io.Writer, rep *Report) error {
	return htmlPage.Execute(w, struct {
		Rep   *Report
		Graph template.HTML
	}{rep, svgGraph(rep)})
}

// Memberships renders the direct memberships for display.
func (r RoleReport) Memberships() []string { return r.memberships() }

// PrivText renders the privileges on the object for display.
func (g Grant) PrivText() string { return g.privText() }
