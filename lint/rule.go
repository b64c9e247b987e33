package lint

import (
	"sort"
	"strings"
)

// Meta is everything a user is told about a rule. Help, `grantguard explain`,
// docs/rules.md and SARIF tool.driver.rules are all rendered from it.
type Meta struct {
	ID        string   // kebab-case, stable: the name in config, suppressions and output
	Severity  Severity // default severity; config may override it
	Title     string   // one line, no trailing period
	Rationale string   // why it matters, in its own words
	Bad       string   // an example that fires
	Good      string   // the fixed example
	Fix       string   // what to do instead
	Tags      []string // SARIF properties.tags, besides "security"
	// Precision is SARIF's properties.precision: very-high, high, medium or low.
	Precision string
	// SecuritySeverity is GitHub's properties["security-severity"], 0.0–10.0.
	SecuritySeverity float64
	// Kinds lists the file kinds the rule looks at, for docs.
	Kinds []Kind
	// References are the public sources behind the rationale, each written
	// "Title — https://...", so a reader can check the reason for themselves.
	References []string
}

// SplitReference splits a reference written "Title — URL" into its title
// and URL; without the " — " separator the whole reference is the title.
func SplitReference(ref string) (title, url string) {
	i := strings.LastIndex(ref, " — ")
	if i < 0 {
		return strings.TrimSpace(ref), ""
	}
	return strings.TrimSpace(ref[:i]), strings.TrimSpace(ref[i+len(" — "):])
}

// MarkdownReference renders a "Title — URL" reference as a Markdown link,
// for docs/rules.md and SARIF help.
func MarkdownReference(ref string) string {
	title, url := SplitReference(ref)
	if url == "" {
		return title
	}
	return "[" + title + "](" + url + ")"
}

// Rule is one entry of the catalogue: its metadata and a check per file kind
// it understands. A rule with no check function (parse-error, unused-ignore)
// is reported by the engine itself.
type Rule struct {
	Meta
	// SQL checks one parsed SQL statement (top level, or nested in a DO
	// block or function body).
	SQL func(p *SQLPass, s *Stmt)
	// HBA checks one pg_hba.conf record.
	HBA HBACheck
	// PGConf checks a postgresql.conf file as a whole.
	PGConf PGConfCheck
	// Value checks one scalar of a YAML, JSON, TOML, env or Terraform file.
	Value ValueCheck
	// Text checks one line of another text file (shell, Dockerfile, code
	// in languages grantguard does not parse).
	Text LineCheck
	// Role checks one role with attributes that a deployment file
	// declares (Kubernetes operators' users and managed roles).
	Role RoleCheck
	// PgBouncer checks a pgbouncer.ini file as a whole.
	PgBouncer PgBouncerCheck
	// UserList checks one entry of a PgBouncer auth_file (userlist.txt).
	UserList UserListCheck
	// Project checks the run's SQL files together (see ProjectPass).
	Project func(p *ProjectPass)
	// Live checks the state of a running server (grantguard audit; see
	// LivePass). By convention it is in rules/<rule_id>_live.go.
	Live func(p *LivePass)
}

// Catalogue is the ordered list of all rules. The order is the order of
// `grantguard rules` and of SARIF tool.driver.rules.
type Catalogue []*Rule

// Lookup returns the rule with the given ID, or nil.
func (c Catalogue) Lookup(id string) *Rule {
	for _, r := range c {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// IDs returns the rule IDs in catalogue order.
func (c Catalogue) IDs() []string {
	ids := make([]string, len(c))
	for i, r := range c {
		ids[i] = r.ID
	}
	return ids
}

// Sorted returns a copy of the catalogue ordered by ID.
func (c Catalogue) Sorted() Catalogue {
	s := append(Catalogue(nil), c...)
	sort.Slice(s, func(i, j int) bool { return s[i].ID < s[j].ID })
	return s
}

// Rule IDs the engine reports itself.
const (
	ParseErrorID   = "parse-error"
	UnusedIgnoreID = "unused-ignore"
)

// DocsBase is where the rendered rule docs live; a rule's page is
// DocsBase + "#" + ID.
const DocsBase = "https://github.com/grantguard/grantguard/blob/main/docs/rules.md"

// DocURL returns the link to the rule's docs section.
func (m *Meta) DocURL() string { return DocsBase + "#" + m.ID }
