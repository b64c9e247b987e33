package format

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/grantguard/grantguard/lint"
)

// sarifSchemaPath is the official SARIF 2.1.0 schema in the shared
// workspace, relative to this package.
var sarifSchemaPath = filepath.Join("..", "..", "..", "shared", "schemas", "sarif-schema-2.1.0.json")

// TestSARIFSchema validates SARIF output against the official schema,
// loaded from disk only (no network), with format assertions on.
func TestSARIFSchema(t *testing.T) {
	f, err := os.Open(sarifSchemaPath)
	if err != nil {
		t.Skipf("SARIF schema not available (%v); schema validation skipped", err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("reading %s: %v", sarifSchemaPath, err)
	}
	// Register the file under its own id, so $ref resolution never leaves
	// the process.
	id, _ := doc.(map[string]any)["id"].(string)
	if id == "" {
		id = "file:///sarif-schema-2.1.0.json"
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(id)
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}

	cases := map[string]struct {
		findings  []lint.Finding
		info      Info
		gzipLimit int // 0: GitHub's
	}{
		"fixture":           {testFindings(), testInfo, 0},
		"live":              {liveFindings(), testInfo, 0},
		"no findings":       {nil, testInfo, 0},
		"category, no root": {testFindings(), Info{ToolName: "grantguard", Version: "v1.2.3-rc.1", Category: "migrations"}, 0},
		"odd findings": {[]lint.Finding{
			{Rule: "not-in-catalogue", Severity: lint.Warning, Path: "a b/c:d#1?.sql", Line: 1, Message: "x"},
			{Rule: "grant-all", Severity: lint.Error, Path: "/abs/path/ü.sql", Message: ""},
			{Rule: "grant-all", Severity: lint.Error, Path: "db:x/y.sql", Line: 2, Col: 3, Message: strings.Repeat("long ", 400)},
		}, Info{ToolName: "grantguard", Version: "(devel)"}, 0},
		"cut to a size limit": {randomFindings(300), testInfo, 30_000},
	}
	// The schema must really be enforced: a wrong level fails it.
	broken := strings.Replace(render(t, SARIF, testCatalogue(), testFindings(), testInfo), `"level": "error"`, `"level": "fatal"`, 1)
	if inst, err := jsonschema.UnmarshalJSON(strings.NewReader(broken)); err != nil {
		t.Fatal(err)
	} else if schema.Validate(inst) == nil {
		t.Fatal("the schema accepted an invalid SARIF log; validation is not in effect")
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			w := SARIF
			if tc.gzipLimit > 0 {
				w = func(w io.Writer, cat lint.Catalogue, fs []lint.Finding, info Info) error {
					return writeSARIF(w, cat, fs, info, maxResults, tc.gzipLimit)
				}
			}
			out := render(t, w, testCatalogue(), tc.findings, tc.info)
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Errorf("SARIF output does not validate:\n%v\n%s", err, out)
			}
		})
	}
}

// sarifDoc is the part of a SARIF log the tests look at.
type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name            string `json:"name"`
				Version         string `json:"version"`
				SemanticVersion string `json:"semanticVersion"`
				InformationURI  string `json:"informationUri"`
				Rules           []struct {
					ID               string `json:"id"`
					Name             string `json:"name"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					FullDescription struct {
						Text string `json:"text"`
					} `json:"fullDescription"`
					Help struct {
						Text     string `json:"text"`
						Markdown string `json:"markdown"`
					} `json:"help"`
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					Properties map[string]any `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ExecutionSuccessful        *bool `json:"executionSuccessful"`
			ToolExecutionNotifications []struct {
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
						EndLine     int `json:"endLine"`
						EndColumn   int `json:"endColumn"`
						Snippet     *struct {
							Text string `json:"text"`
						} `json:"snippet"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
		AutomationDetails struct {
			ID string `json:"id"`
		} `json:"automationDetails"`
		ColumnKind         string `json:"columnKind"`
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
	} `json:"runs"`
}

func decodeSARIF(t *testing.T, out string) sarifDoc {
	t.Helper()
	var doc sarifDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("SARIF output is not JSON: %v", err)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("got %d runs, want 1", len(doc.Runs))
	}
	return doc
}

// TestSARIFStructure checks what GitHub code scanning relies on, without
// needing the schema file.
func TestSARIFStructure(t *testing.T) {
	cat := testCatalogue()
	fs := testFindings()
	doc := decodeSARIF(t, render(t, SARIF, cat, fs, testInfo))
	if doc.Version != "2.1.0" {
		t.Errorf("version = %q, want 2.1.0", doc.Version)
	}
	if doc.Schema != sarifSchemaURI {
		t.Errorf("$schema = %q", doc.Schema)
	}
	run := doc.Runs[0]
	d := run.Tool.Driver
	if d.Name != "grantguard" || d.SemanticVersion != "0.1.0" || d.Version != "0.1.0" || d.InformationURI != testInfo.InformationURI {
		t.Errorf("driver = %q %q %q %q", d.Name, d.Version, d.SemanticVersion, d.InformationURI)
	}

	// Every catalogue rule, in catalogue order, fully described.
	if len(d.Rules) != len(cat) {
		t.Fatalf("%d rules, want %d", len(d.Rules), len(cat))
	}
	wantNames := []string{"GrantAll", "HardcodedPassword", "PasswordNoExpiry", "BroadCidr"}
	for i, r := range d.Rules {
		m := cat[i].Meta
		if r.ID != m.ID || r.Name != wantNames[i] {
			t.Errorf("rule %d = %q/%q, want %q/%q", i, r.ID, r.Name, m.ID, wantNames[i])
		}
		if r.ShortDescription.Text != m.Title || r.FullDescription.Text != m.Rationale {
			t.Errorf("%s: descriptions = %q / %q", r.ID, r.ShortDescription.Text, r.FullDescription.Text)
		}
		if r.Help.Text == "" || r.Help.Markdown == "" {
			t.Errorf("%s: help.text and help.markdown are required", r.ID)
		}
		if !strings.Contains(r.Help.Markdown, m.Bad) || !strings.Contains(r.Help.Markdown, m.Good) ||
			!strings.Contains(r.Help.Text, m.Fix) {
			t.Errorf("%s: help lacks the examples or the fix:\n%s", r.ID, r.Help.Markdown)
		}
		if r.HelpURI != m.DocURL() {
			t.Errorf("%s: helpUri = %q", r.ID, r.HelpURI)
		}
		if r.DefaultConfiguration.Level != m.Severity.String() {
			t.Errorf("%s: default level = %q", r.ID, r.DefaultConfiguration.Level)
		}
		if want := fmt.Sprintf("%.1f", m.SecuritySeverity); r.Properties["security-severity"] != want {
			t.Errorf("%s: security-severity = %#v, want %q", r.ID, r.Properties["security-severity"], want)
		}
		if r.Properties["precision"] != m.Precision {
			t.Errorf("%s: precision = %#v", r.ID, r.Properties["precision"])
		}
		tags, _ := r.Properties["tags"].([]any)
		if len(tags) == 0 || tags[0] != "security" {
			t.Errorf("%s: tags = %#v, want \"security\" first", r.ID, tags)
		}
	}
	if got := d.Rules[0].Properties["security-severity"]; got != "8.0" {
		t.Errorf("security-severity 8 rendered as %#v, want \"8.0\"", got)
	}
	if tags := d.Rules[1].Properties["tags"]; fmt.Sprint(tags) != "[security secret credentials]" {
		t.Errorf("tags not deduplicated: %v", tags)
	}
	if !strings.Contains(d.Rules[0].Help.Markdown, "```sql\nGRANT ALL ON TABLE orders TO app;\n```") {
		t.Errorf("SQL example not in a sql fence:\n%s", d.Rules[0].Help.Markdown)
	}
	if !strings.Contains(d.Rules[3].Help.Markdown, "```text\nhost") {
		t.Errorf("pg_hba example not in a text fence:\n%s", d.Rules[3].Help.Markdown)
	}

	// Results: one per finding, pointing at their rule.
	if len(run.Results) != len(fs) {
		t.Fatalf("%d results, want %d", len(run.Results), len(fs))
	}
	for i, r := range run.Results {
		f := fs[i]
		if r.RuleID != f.Rule || r.RuleIndex == nil || d.Rules[*r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleId %q, ruleIndex %v do not match", i, r.RuleID, r.RuleIndex)
		}
		if r.Level != f.Severity.String() {
			t.Errorf("result %d: level %q", i, r.Level)
		}
		if r.Message.Text != f.Message {
			t.Errorf("result %d: message %q", i, r.Message.Text)
		}
		if len(r.Locations) != 1 {
			t.Fatalf("result %d: %d locations", i, len(r.Locations))
		}
		pl := r.Locations[0].PhysicalLocation
		if pl.ArtifactLocation.URIBaseID != "%SRCROOT%" || pl.ArtifactLocation.URI == "" {
			t.Errorf("result %d: artifactLocation %+v", i, pl.ArtifactLocation)
		}
		if pl.Region == nil || pl.Region.StartLine != f.Line || pl.Region.StartColumn != f.Col ||
			pl.Region.EndLine != f.EndLine || pl.Region.EndColumn != f.EndCol {
			t.Errorf("result %d: region %+v, want %d:%d-%d:%d", i, pl.Region, f.Line, f.Col, f.EndLine, f.EndCol)
		} else if pl.Region.Snippet == nil || pl.Region.Snippet.Text != f.Source {
			t.Errorf("result %d: snippet %+v, want %q", i, pl.Region.Snippet, f.Source)
		}
		if r.PartialFingerprints["primaryLocationLineHash"] != f.Fingerprint {
			t.Errorf("result %d: partialFingerprints %v", i, r.PartialFingerprints)
		}
	}
	if uri := run.Results[1].Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != "db/migrations/001%20init.sql" {
		t.Errorf("path with a space: uri = %q", uri)
	}

	if len(run.Invocations) != 1 || run.Invocations[0].ExecutionSuccessful == nil || !*run.Invocations[0].ExecutionSuccessful {
		t.Errorf("invocations = %+v, want one successful", run.Invocations)
	} else if n := run.Invocations[0].ToolExecutionNotifications; len(n) != 0 {
		t.Errorf("unexpected notifications %+v", n)
	}
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}
	if run.AutomationDetails.ID != "grantguard/" {
		t.Errorf("automationDetails.id = %q", run.AutomationDetails.ID)
	}
	if got := run.OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file:///home/ci/work/my%20repo/" {
		t.Errorf("%%SRCROOT%% = %q", got)
	}
}

// TestSARIFResultLimit generates more findings than GitHub accepts in one
// run: the most serious are kept, in their order, and a notification says
// how many were dropped.
func TestSARIFResultLimit(t *testing.T) {
	total := maxResults + 10
	fs := make([]lint.Finding, total)
	for i := range fs {
		sev := lint.Warning
		switch {
		case i < 15: // the first findings in path order are notes
			sev = lint.Note
		case i%2 == 0:
			sev = lint.Error
		}
		fs[i] = lint.Finding{
			Rule: "grant-all", Severity: sev,
			Path: fmt.Sprintf("db/%06d.sql", i), Line: 1, Col: 1,
			Message: "GRANT ALL", Fingerprint: fmt.Sprintf("%016x:1", i),
		}
	}
	doc := decodeSARIF(t, render(t, SARIF, testCatalogue(), fs, testInfo))
	run := doc.Runs[0]

	if len(run.Results) != maxResults {
		t.Fatalf("kept %d results, want %d", len(run.Results), maxResults)
	}
	notes, prev := 0, ""
	for _, r := range run.Results {
		if r.Level == "note" {
			notes++
		}
		uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI
		if uri <= prev {
			t.Fatalf("results out of order: %q after %q", uri, prev)
		}
		prev = uri
	}
	// All errors and warnings survive; of the 15 notes the first 5 do.
	if notes != 5 {
		t.Errorf("kept %d notes, want 5", notes)
	}
	if got := run.Results[4].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "db/000004.sql" {
		t.Errorf("5th result is %q, want the 5th note db/000004.sql", got)
	}
	if got := run.Results[5].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "db/000015.sql" {
		t.Errorf("6th result is %q, want db/000015.sql (notes 5-14 dropped)", got)
	}

	inv := run.Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful == nil || !*inv[0].ExecutionSuccessful {
		t.Fatalf("invocations = %+v", inv)
	}
	want := "25010 findings exceed the 25000 results GitHub code scanning accepts in one run; " +
		"the 10 least severe were left out of this report. Use --format text or --format json to see them all."
	if n := inv[0].ToolExecutionNotifications; len(n) != 1 || n[0].Message.Text != want || n[0].Level != "warning" {
		t.Errorf("notifications = %+v\nwant one warning %q", n, want)
	}
}

func TestSARIFLengthLimits(t *testing.T) {
	long := strings.Repeat("x", 2000)
	cat := lint.Catalogue{{Meta: lint.Meta{
		ID: "a-" + strings.Repeat("b", 300), Severity: lint.Warning,
		Title: long, Rationale: long, SecuritySeverity: 5,
		Tags: []string{"t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10", "t11"},
	}}}
	fs := []lint.Finding{{Rule: cat[0].ID, Severity: lint.Warning, Path: "x.sql", Line: 1, Message: long + "ü"}}
	run := decodeSARIF(t, render(t, SARIF, cat, fs, testInfo)).Runs[0]
	r := run.Tool.Driver.Rules[0]
	for what, s := range map[string]string{
		"name": r.Name, "shortDescription": r.ShortDescription.Text,
		"fullDescription": r.FullDescription.Text, "message": run.Results[0].Message.Text,
	} {
		limit := maxDescription
		if what == "name" {
			limit = maxRuleName
		}
		if n := len([]rune(s)); n != limit || !strings.HasSuffix(s, "…") {
			t.Errorf("%s: %d characters ending %q, want %d ending in …", what, n, s[max(0, len(s)-5):], limit)
		}
	}
	if tags, _ := r.Properties["tags"].([]any); len(tags) != maxTags {
		t.Errorf("%d tags, want %d", len(tags), maxTags)
	}
}

func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		in    string
		limit int
		want  string
	}{
		{"abc", 3, "abc"},
		{"abcd", 3, "ab…"},
		{"äöüß", 3, "äö…"},
		{"a😀b", 3, "a😀b"[:1] + "…"}, // the emoji is two UTF-16 units
		{"a😀b", 4, "a😀b"},
	} {
		if got := truncate(tc.in, tc.limit); got != tc.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tc.in, tc.limit, got, tc.want)
		}
	}
}

func TestArtifactURI(t *testing.T) {
	for _, tc := range []struct {
		path, uri string
		relative  bool
	}{
		{"db/001_init.sql", "db/001_init.sql", true},
		{"db/001 init.sql", "db/001%20init.sql", true},
		{"db/100%#?.sql", "db/100%25%23%3F.sql", true},
		{"db/ünï.sql", "db/%C3%BCn%C3%AF.sql", true},
		{"c:x/y.sql", "./c:x/y.sql", true},
		{"../shared/x.sql", "../shared/x.sql", true},
		{"/abs/my dir/x.sql", "file:///abs/my%20dir/x.sql", false},
		{"C:/work/x.sql", "file:///C:/work/x.sql", false},
	} {
		uri, rel := artifactURI(tc.path)
		if uri != tc.uri || rel != tc.relative {
			t.Errorf("artifactURI(%q) = %q, %v; want %q, %v", tc.path, uri, rel, tc.uri, tc.relative)
		}
	}
}

func TestAutomationIDAndSrcRoot(t *testing.T) {
	for cat, want := range map[string]string{"": "grantguard/", "migrations": "grantguard/migrations/", "/sql/": "grantguard/sql/"} {
		if got := automationID(Info{Category: cat}); got != want {
			t.Errorf("automationID(%q) = %q, want %q", cat, got, want)
		}
	}
	for root, want := range map[string]string{
		"":                         "",
		"/srv/repo":                "file:///srv/repo/",
		"/srv/repo/":               "file:///srv/repo/",
		"file:///github/workspace": "file:///github/workspace/",
	} {
		if got := srcRootURI(root); got != want {
			t.Errorf("srcRootURI(%q) = %q, want %q", root, got, want)
		}
	}
}

// randomFindings returns n findings whose message and source line are
// random text that compresses poorly, as a worst case for the size limit:
// every third one an error, the others warnings and notes in turn.
func randomFindings(n int) []lint.Finding {
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	random := func(size int) string {
		b := make([]byte, size)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	fs := make([]lint.Finding, n)
	for i := range fs {
		sev := []lint.Severity{lint.Error, lint.Warning, lint.Note}[i%3]
		fs[i] = lint.Finding{
			Rule: "grant-all", Severity: sev,
			Path: fmt.Sprintf("db/%06d.sql", i), Line: 1 + i%50, Col: 1,
			Message: random(1000), Source: random(1000),
			Fingerprint: fmt.Sprintf("%016x:1", i),
		}
	}
	return fs
}

// checkSizeLimited checks a log cut to fit gzipLimit: it fits, it keeps
// the most serious findings, and its run says what was left out.
func checkSizeLimited(t *testing.T, out string, fs []lint.Finding, gzipLimit int) {
	t.Helper()
	if size := gzipSize([]byte(out)); size > gzipLimit {
		t.Fatalf("gzip-compressed log is %d bytes, over the %d limit", size, gzipLimit)
	}
	run := decodeSARIF(t, out).Runs[0]
	kept := len(run.Results)
	if kept == 0 || kept >= len(fs) {
		t.Fatalf("kept %d of %d results; want some, not all", kept, len(fs))
	}
	// The most serious survive: no note while a warning was dropped, no
	// warning while an error was dropped.
	count := map[string]int{}
	for _, r := range run.Results {
		count[r.Level]++
	}
	total := map[string]int{}
	for _, f := range fs {
		total[f.Severity.String()]++
	}
	if count["note"] > 0 && count["warning"] < total["warning"] || count["warning"] > 0 && count["error"] < total["error"] {
		t.Errorf("kept %v of %v: less severe findings kept over more severe ones", count, total)
	}
	// Not cut needlessly: the results kept fill most of the allowance.
	if size := gzipSize([]byte(out)); size < gzipLimit*3/4 {
		t.Errorf("kept %d results in %d compressed bytes; the limit %d allows more", kept, size, gzipLimit)
	}
	n := run.Invocations[0].ToolExecutionNotifications
	want := fmt.Sprintf("%d more of the least severe findings were left out of this report to keep it under the "+
		"%d bytes (gzip-compressed) that GitHub code scanning accepts in one upload; %d of %d findings are reported.",
		len(fs)-kept, gzipLimit, kept, len(fs))
	if len(n) != 1 || n[0].Level != "warning" || !strings.HasPrefix(n[0].Message.Text, want) {
		t.Errorf("notifications = %+v\nwant one warning starting %q", n, want)
	}
}

// TestSARIFSizeLimit cuts a log that would be over the compressed size
// limit; the limit is lowered so the test stays small.
func TestSARIFSizeLimit(t *testing.T) {
	fs := randomFindings(300)
	const limit = 60_000
	var buf strings.Builder
	if err := writeSARIF(&buf, testCatalogue(), fs, testInfo, maxResults, limit); err != nil {
		t.Fatal(err)
	}
	checkSizeLimited(t, buf.String(), fs, limit)

	// Under the limit nothing is cut and nothing is said.
	buf.Reset()
	if err := writeSARIF(&buf, testCatalogue(), fs[:10], testInfo, maxResults, limit); err != nil {
		t.Fatal(err)
	}
	run := decodeSARIF(t, buf.String()).Runs[0]
	if len(run.Results) != 10 || len(run.Invocations[0].ToolExecutionNotifications) != 0 {
		t.Errorf("under the limit: %d results, notifications %+v", len(run.Results), run.Invocations[0].ToolExecutionNotifications)
	}
}

// TestSARIFSizeLimitGitHub produces a log over GitHub's real 10 MB limit.
func TestSARIFSizeLimitGitHub(t *testing.T) {
	if testing.Short() {
		t.Skip("renders about 20 MB of SARIF")
	}
	fs := randomFindings(7000)
	out := render(t, SARIF, testCatalogue(), fs, testInfo)
	checkSizeLimited(t, out, fs, maxGzipBytes)
}
