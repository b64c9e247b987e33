package format

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/grantguard/grantguard/lint"
)

// sarifSchemaURI is the $schema of the output: the OASIS errata01 schema,
// the one whose "id" the official sarif-schema-2.1.0.json carries.
const sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// srcRootID is the uriBaseId every artifact location is relative to.
const srcRootID = "%SRCROOT%"

// GitHub code scanning limits, from "SARIF support for code scanning"
// (docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning)
// and its limits table (data/reusables/code-scanning/sarif-limits.md).
const (
	// maxResults is the most results a run may have; GitHub rejects the
	// whole upload above it (and displays only the top 5,000).
	maxResults = 25000
	// maxRuleName is the limit on reportingDescriptor.name.
	maxRuleName = 255
	// maxDescription is the limit on shortDescription.text and
	// fullDescription.text.
	maxDescription = 1024
	// maxMessage caps result.message.text. GitHub documents no limit for
	// it; we apply the description limit so an outsized message (a parser
	// error quoting half a file) cannot bloat the upload, and the full text
	// stays available in the text and json formats.
	maxMessage = 1024
	// maxTags is how many tags per rule GitHub displays (it rejects more
	// than 20); further tags are dropped.
	maxTags = 10
	// maxGzipBytes is the largest gzip-compressed SARIF file GitHub
	// accepts: "10 MB", read as the smaller 10,000,000 bytes. The upload
	// action re-serializes the log without indentation before compressing
	// it, so measuring the indented log leaves further headroom.
	maxGzipBytes = 10_000_000
)

// sarifLog is the top-level SARIF object. go-sarif's Report writes
// "version" before "$schema"; this keeps the conventional order.
type sarifLog struct {
	Schema  string       `json:"$schema"`
	Version string       `json:"version"`
	Runs    []*sarif.Run `json:"runs"`
}

// SARIF writes a SARIF 2.1.0 log with one run for GitHub code scanning and
// other SARIF consumers.
//
// tool.driver.rules lists every catalogue rule in catalogue order, with its
// help rendered from the rule metadata, so a result's ruleIndex is the
// rule's position in the catalogue. Each result has one location: a
// finding on a live server (grantguard audit) a logical location naming
// the object, any other a physical location relative to %SRCROOT% (published in originalUriBaseIds when Info.SrcRoot
// is set), columns counted in Unicode code points, the redacted source line
// as its snippet, and the engine's fingerprint as primaryLocationLineHash.
//
// GitHub's upload limits are enforced: above 25,000 findings, or when the
// gzip-compressed log would exceed GitHub's 10 MB, the most serious
// findings are kept (errors, then warnings, then notes, in their given
// order otherwise) and a tool execution notification in the run says how
// many were left out and why; rule names, descriptions and messages over
// GitHub's length limits are cut short with "…".
func SARIF(w io.Writer, cat lint.Catalogue, findings []lint.Finding, info Info) error {
	return writeSARIF(w, cat, findings, info, maxResults, maxGzipBytes)
}

// writeSARIF is SARIF with the result count and compressed size limits as
// parameters, so tests can reach the size limit without megabytes of input.
func writeSARIF(w io.Writer, cat lint.Catalogue, findings []lint.Finding, info Info, resultLimit, gzipLimit int) error {
	rules := make([]*sarif.ReportingDescriptor, 0, len(cat))
	ruleIndex := make(map[string]int, len(cat))
	for _, r := range cat {
		if _, dup := ruleIndex[r.ID]; dup {
			continue
		}
		ruleIndex[r.ID] = len(rules)
		rules = append(rules, sarifRule(&r.Meta))
	}
	// A finding whose rule is missing from the catalogue (a bug elsewhere)
	// still gets a descriptor, so GitHub has the required rule fields.
	for _, f := range findings {
		if _, ok := ruleIndex[f.Rule]; !ok {
			ruleIndex[f.Rule] = len(rules)
			rules = append(rules, sarifRule(&lint.Meta{ID: f.Rule, Severity: f.Severity}))
		}
	}

	driver := &sarif.ToolComponent{
		Name:  info.toolName(),
		Rules: rules,
	}
	if info.Version != "" {
		driver.Version = ptr(info.Version)
		if v := strings.TrimPrefix(info.Version, "v"); semverRE.MatchString(v) {
			driver.SemanticVersion = ptr(v)
		}
	}
	if info.InformationURI != "" {
		driver.InformationURI = ptr(info.InformationURI)
	}

	// render encodes the log with the keep most serious findings.
	render := func(keep int) ([]byte, error) {
		kept, _ := limitResults(findings, keep)
		results := make([]*sarif.Result, 0, len(kept))
		for _, f := range kept {
			results = append(results, sarifResult(f, ruleIndex[f.Rule], rules[ruleIndex[f.Rule]]))
		}
		invocation := &sarif.Invocation{ExecutionSuccessful: ptr(true)}
		if len(findings) > resultLimit {
			invocation.ToolExecutionNotifications = append(invocation.ToolExecutionNotifications, &sarif.Notification{
				Level: "warning",
				Message: &sarif.Message{Text: ptr(fmt.Sprintf(
					"%d findings exceed the %d results GitHub code scanning accepts in one run; "+
						"the %d least severe were left out of this report. "+
						"Use --format text or --format json to see them all.",
					len(findings), resultLimit, len(findings)-resultLimit))},
			})
		}
		if bySize := min(len(findings), resultLimit) - keep; bySize > 0 {
			invocation.ToolExecutionNotifications = append(invocation.ToolExecutionNotifications, &sarif.Notification{
				Level: "warning",
				Message: &sarif.Message{Text: ptr(fmt.Sprintf(
					"%d more of the least severe findings were left out of this report to keep it under the "+
						"%d bytes (gzip-compressed) that GitHub code scanning accepts in one upload; "+
						"%d of %d findings are reported. Use --format text or --format json to see them all.",
					bySize, gzipLimit, keep, len(findings)))},
			})
		}
		run := &sarif.Run{
			Tool:              sarif.Tool{Driver: driver},
			Invocations:       []*sarif.Invocation{invocation},
			Results:           results,
			AutomationDetails: &sarif.RunAutomationDetails{ID: ptr(automationID(info))},
			ColumnKind:        "unicodeCodePoints",
		}
		if root := srcRootURI(info.SrcRoot); root != "" {
			run.OriginalUriBaseIDs = map[string]*sarif.ArtifactLocation{srcRootID: {URI: ptr(root)}}
		}
		var buf bytes.Buffer
		err := encodeJSON(&buf, sarifLog{Schema: sarifSchemaURI, Version: string(sarif.Version210), Runs: []*sarif.Run{run}})
		return buf.Bytes(), err
	}

	keep := min(len(findings), resultLimit)
	data, err := render(keep)
	if err != nil {
		return err
	}
	// GitHub measures the upload gzip-compressed. Most logs are well under
	// the limit uncompressed, and compression never grows a log by more
	// than a few bytes per 64 KiB (stored blocks), so only a large log is
	// compressed to measure it. Over the limit, the number of results is
	// scaled down by the overshoot, with a margin, until the log fits: one
	// or two more renders, as results are of similar size.
	for keep > 0 && len(data)+len(data)/1000+64 > gzipLimit {
		size := gzipSize(data)
		if size <= gzipLimit {
			break
		}
		keep = min(keep-1, int(float64(keep)*float64(gzipLimit)/float64(size)*0.95))
		keep = max(keep, 0)
		if data, err = render(keep); err != nil {
			return err
		}
	}
	_, err = w.Write(data)
	return err
}

// gzipSize returns the size of data gzip-compressed at the default level,
// as GitHub's upload-sarif action compresses it.
func gzipSize(data []byte) int {
	var n byteCounter
	zw := gzip.NewWriter(&n)
	_, _ = zw.Write(data) // writes to a byteCounter cannot fail
	_ = zw.Close()
	return int(n)
}

// byteCounter is an io.Writer that only counts.
type byteCounter int

func (c *byteCounter) Write(p []byte) (int, error) {
	*c += byteCounter(len(p))
	return len(p), nil
}

// sarifRule renders one rule's reportingDescriptor from its metadata.
func sarifRule(m *lint.Meta) *sarif.ReportingDescriptor {
	tags := []string{"security"}
	for _, t := range m.Tags {
		if t != "" && !slices.Contains(tags, t) && len(tags) < maxTags {
			tags = append(tags, t)
		}
	}
	props := sarif.Properties{
		"tags":              tags,
		"security-severity": fmt.Sprintf("%.1f", m.SecuritySeverity),
	}
	if m.Precision != "" {
		props["precision"] = m.Precision
	}
	return &sarif.ReportingDescriptor{
		ID:                   m.ID,
		Name:                 ptr(truncate(pascalCase(m.ID), maxRuleName)),
		ShortDescription:     &sarif.MultiformatMessageString{Text: ptr(truncate(firstNonEmpty(m.Title, m.ID), maxDescription))},
		FullDescription:      &sarif.MultiformatMessageString{Text: ptr(truncate(firstNonEmpty(m.Rationale, m.Title, m.ID), maxDescription))},
		DefaultConfiguration: &sarif.ReportingConfiguration{Level: level(m.Severity)},
		HelpURI:              ptr(m.DocURL()),
		Help: &sarif.MultiformatMessageString{
			Text:     ptr(helpText(m)),
			Markdown: ptr(helpMarkdown(m)),
		},
		Properties: props,
	}
}

// sarifResult renders one finding.
func sarifResult(f lint.Finding, index int, rule *sarif.ReportingDescriptor) *sarif.Result {
	msg := firstNonEmpty(f.Message, *rule.ShortDescription.Text)
	res := &sarif.Result{
		RuleID:    ptr(f.Rule),
		RuleIndex: ptr(uint(index)),
		Level:     ptr(level(f.Severity)),
		Message:   sarif.Message{Text: ptr(truncate(msg, maxMessage))},
		Locations: []*sarif.Location{sarifLocation(f)},
	}
	if f.Fingerprint != "" {
		res.PartialFingerprints = map[string]any{"primaryLocationLineHash": f.Fingerprint}
	}
	return res
}

// sarifLocation is a finding's location: the file region, or for a finding
// on a live server a logical location naming the object (name as text
// output shows it, fullyQualifiedName, and kind: role, table, setting, ...).
func sarifLocation(f lint.Finding) *sarif.Location {
	if !f.Object.IsZero() {
		return &sarif.Location{LogicalLocations: []*sarif.LogicalLocation{{
			Name:               ptr(f.Object.String()),
			FullyQualifiedName: ptr(f.Object.Name),
			Kind:               ptr(f.Object.Kind),
		}}}
	}
	uri, relative := artifactURI(f.Path)
	loc := &sarif.ArtifactLocation{URI: ptr(uri)}
	if relative {
		loc.URIBaseId = ptr(srcRootID)
	}
	phys := &sarif.PhysicalLocation{ArtifactLocation: loc}
	// Without a line the finding is about the whole file, which SARIF
	// expresses by leaving the region out.
	if f.Line > 0 {
		reg := &sarif.Region{StartLine: ptr(f.Line)}
		if f.Col > 0 {
			reg.StartColumn = ptr(f.Col)
		}
		if f.EndLine > 0 {
			reg.EndLine = ptr(f.EndLine)
		}
		if f.EndCol > 0 {
			reg.EndColumn = ptr(f.EndCol)
		}
		if f.Source != "" {
			reg.Snippet = &sarif.ArtifactContent{Text: ptr(f.Source)}
		}
		phys.Region = reg
	}
	return &sarif.Location{PhysicalLocation: phys}
}

// limitResults keeps at most limit findings, preferring errors, then
// warnings, then notes, and otherwise the given order; the kept findings
// stay in the given order. It returns how many it left out.
func limitResults(findings []lint.Finding, limit int) (kept []lint.Finding, dropped int) {
	if len(findings) <= limit {
		return findings, 0
	}
	idx := make([]int, len(findings))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		return cmp.Compare(findings[b].Severity, findings[a].Severity)
	})
	idx = idx[:limit]
	slices.Sort(idx)
	kept = make([]lint.Finding, len(idx))
	for i, j := range idx {
		kept[i] = findings[j]
	}
	return kept, len(findings) - limit
}

// automationID is runAutomationDetails.id: GitHub reads everything before
// the last "/" as the analysis category, so "grantguard/" is the category
// "grantguard" and "grantguard/<category>/" a sub-category.
func automationID(info Info) string {
	id := info.toolName() + "/"
	if c := strings.Trim(info.Category, "/"); c != "" {
		id += c + "/"
	}
	return id
}

// artifactURI turns a finding path into a SARIF artifact URI. A relative
// path (the normal case) becomes a percent-encoded relative reference
// (reported relative to %SRCROOT%); an absolute one becomes a file:// URI.
func artifactURI(p string) (uri string, relative bool) {
	if path.IsAbs(p) || windowsDrive.MatchString(p) {
		return fileURI(p), false
	}
	uri = (&url.URL{Path: p}).EscapedPath()
	// A colon in the first segment would make the reference read as a
	// scheme ("c:x.sql"); "./" keeps it a path.
	if first, _, _ := strings.Cut(uri, "/"); strings.Contains(first, ":") {
		uri = "./" + uri
	}
	return uri, true
}

var (
	windowsDrive = regexp.MustCompile(`^[A-Za-z]:[/\\]`)
	// semverRE is Semantic Versioning 2.0.0, which semanticVersion must be.
	semverRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)
)

// srcRootURI returns Info.SrcRoot as an absolute file:// URI ending in "/",
// as SARIF requires of a base URI, or "" when it is not set.
func srcRootURI(root string) string {
	if root == "" {
		return ""
	}
	u := root
	if !strings.HasPrefix(root, "file:") {
		if abs, err := filepath.Abs(root); err == nil {
			root = abs
		}
		u = fileURI(filepath.ToSlash(root))
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// fileURI turns an absolute slash-separated path into a file:// URI.
func fileURI(p string) string {
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x → file:///C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// pascalCase turns a kebab-case rule ID into the rule's SARIF name:
// "grant-all" → "GrantAll".
func pascalCase(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' }) {
		r, size := utf8.DecodeRuneInString(part)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(part[size:])
	}
	return b.String()
}

// truncate cuts s to at most limit UTF-16 code units (how GitHub counts
// characters, and never more than the code points SARIF counts), ending
// it with "…" when anything was cut.
func truncate(s string, limit int) string {
	if utf16Len(s) <= limit {
		return s
	}
	n := 0
	for i, r := range s {
		n += utf16Width(r)
		if n > limit-1 { // room for "…"
			return s[:i] + "…"
		}
	}
	return s
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Width(r)
	}
	return n
}

func utf16Width(r rune) int {
	if utf16.IsSurrogate(r) || r < 0x10000 {
		return 1
	}
	return 2
}

func ptr[T any](v T) *T { return &v }
