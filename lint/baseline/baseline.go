// Package baseline records the findings a repository already has, so that
// grantguard can be adopted on a legacy codebase and fail only on new ones.
//
// A baseline is a versioned JSON file:
//
//	{
//	  "format": "grantguard-baseline",
//	  "version": 1,
//	  "findings": [
//	    {"fingerprint": "…", "rule": "grant-all", "path": "db/001_init.sql", "line": 4, "message": "…"}
//	  ]
//	}
//
// A finding is matched by its fingerprint alone: a hash of the rule ID, the
// file's path relative to the baseline file, and the offending source line
// with all whitespace runs collapsed (the message when there is no source
// line). Line numbers play no part, so a finding survives lines inserted
// above it, reindentation, and edits anywhere else in the file; editing the
// offending line itself makes it a new finding. rule, path, line and message
// are written only so that a reviewer can read the file.
//
// Matching counts: a baseline that holds a fingerprint twice hides two
// findings with it, so pasting an already-accepted GRANT a third time is
// still reported. Secrets never reach the file: the engine has redacted the
// source line and the message before they are hashed or written.
package baseline

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/grantguard/grantguard/lint"
)

// FormatName is the "format" member of every baseline file.
const FormatName = "grantguard-baseline"

// Version is the baseline format version this package reads and writes. A
// file with another version is rejected rather than half-understood.
const Version = 1

// File is the JSON document of a baseline.
type File struct {
	Format   string  `json:"format"`
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// Entry is one recorded finding.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	// Path is slash-separated and relative to the baseline file's directory.
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"` // where the finding was when recorded; informational
	Message string `json:"message,omitempty"`
}

// Baseline is a loaded baseline, ready to filter findings.
type Baseline struct {
	// Path is the file it was read from.
	Path string
	// Dir is the absolute directory entry paths are relative to.
	Dir     string
	entries []Entry
}

// Len returns the number of recorded findings.
func (b *Baseline) Len() int { return len(b.entries) }

// Fingerprint returns the baseline fingerprint of a finding whose Path is
// relative, as the engine reports it, to workDir, for a baseline in dir.
func Fingerprint(f lint.Finding, workDir, dir string) string {
	return fingerprint(f.Rule, relPath(f.Path, workDir, dir), f)
}

func fingerprint(rule, path string, f lint.Finding) string {
	// The engine redacts secrets in Source and Message, so neither a hash
	// nor the written entry can leak one. A line longer than the engine
	// echoes has no Source; its message, which names what was found, is the
	// next most specific text that does not move with the line number.
	text := "source:" + normalize(f.Source)
	if strings.TrimSpace(f.Source) == "" {
		text = "message:" + normalize(f.Message)
	}
	h := sha256.Sum256([]byte(rule + "\x00" + path + "\x00" + text))
	return hex.EncodeToString(h[:16])
}

// normalize collapses every run of whitespace, so reindenting a line or
// reflowing its spaces does not make its findings new.
func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }

// relPath turns a finding path (relative to workDir, or absolute) into a
// slash-separated path relative to dir, so a baseline matches whichever
// directory grantguard is run from.
func relPath(p, workDir, dir string) string {
	abs := filepath.FromSlash(p)
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(workDir, abs)
	}
	if r, err := filepath.Rel(dir, abs); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(abs)
}

// New records findings in a baseline to be written to path. path and the
// finding paths are relative to workDir.
func New(path string, findings []lint.Finding, workDir string) *Baseline {
	dir := baseDir(path, workDir)
	b := &Baseline{Path: path, Dir: dir, entries: make([]Entry, 0, len(findings))}
	for _, f := range findings {
		rel := relPath(f.Path, workDir, dir)
		b.entries = append(b.entries, Entry{
			Fingerprint: fingerprint(f.Rule, rel, f),
			Rule:        f.Rule,
			Path:        rel,
			Line:        f.Line,
			Message:     f.Message,
		})
	}
	// A stable order keeps the file's diff small when it is regenerated.
	slices.SortStableFunc(b.entries, func(x, y Entry) int {
		return cmp.Or(cmp.Compare(x.Path, y.Path), cmp.Compare(x.Line, y.Line),
			cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.Fingerprint, y.Fingerprint))
	})
	return b
}

// abs resolves a baseline path given relative to workDir.
func abs(path, workDir string) string {
	if filepath.IsAbs(path) {
		return filepath.Clean(path)
	}
	return filepath.Join(workDir, path)
}

// baseDir is the absolute directory of the baseline file at path.
func baseDir(path, workDir string) string { return filepath.Dir(abs(path, workDir)) }

// Write records findings in a new baseline file at path, replacing any file
// there. path and the finding paths are relative to workDir.
func Write(path string, findings []lint.Finding, workDir string) (*Baseline, error) {
	b := New(path, findings, workDir)
	data, err := b.Marshal()
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(abs(path, workDir), data, 0o644); err != nil {
		return nil, fmt.Errorf("writing baseline: %w", err)
	}
	return b, nil
}

// Marshal renders the baseline file: indented JSON ending in a newline.
func (b *Baseline) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(File{Format: FormatName, Version: Version, Findings: b.entries}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Load reads the baseline file at path (relative to workDir); entry paths
// are taken relative to the file's directory. A missing, unreadable or
// corrupt file, or one in another format version, is an error naming the
// file: a baseline that silently matched nothing would fail a build for
// findings the team had accepted, or worse, hide nothing while claiming to.
func Load(path, workDir string) (*Baseline, error) {
	data, err := os.ReadFile(abs(path, workDir))
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is named already
		}
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	entries, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	return &Baseline{Path: path, Dir: baseDir(path, workDir), entries: entries}, nil
}

// Parse decodes and checks the contents of a baseline file.
func Parse(data []byte) ([]Entry, error) {
	// The format and version are read first, on their own, so that a file
	// from a newer grantguard is reported as such rather than as whatever
	// decoding error its new shape causes.
	var head struct {
		Format  *string          `json:"format"`
		Version *json.RawMessage `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("not a grantguard baseline: %s", jsonReason(data, err))
	}
	switch {
	case head.Format == nil:
		return nil, fmt.Errorf("not a grantguard baseline: no \"format\": %q member", FormatName)
	case *head.Format != FormatName:
		return nil, fmt.Errorf("not a grantguard baseline: format is %q, want %q", *head.Format, FormatName)
	case head.Version == nil:
		return nil, errors.New("no \"version\" member")
	}
	var version int
	if err := json.Unmarshal(*head.Version, &version); err != nil {
		return nil, fmt.Errorf("version is %s, want an integer", *head.Version)
	}
	if version != Version {
		return nil, fmt.Errorf("format version %d is not supported by this grantguard (it reads version %d); "+
			"regenerate the file with --write-baseline", version, Version)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("corrupt baseline: %s", jsonReason(data, err))
	}
	if f.Findings == nil {
		return nil, errors.New("corrupt baseline: no \"findings\" list")
	}
	for i, e := range f.Findings {
		if !isFingerprint(e.Fingerprint) {
			return nil, fmt.Errorf("corrupt baseline: findings[%d] has fingerprint %q, want 32 hex digits", i, e.Fingerprint)
		}
	}
	return f.Findings, nil
}

func isFingerprint(s string) bool {
	if len(s) != 32 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil && strings.ToLower(s) == s
}

// jsonReason describes a JSON decoding error with the line it happened on.
func jsonReason(data []byte, err error) string {
	var off int64 = -1
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off = syn.Offset
	case errors.As(err, &typ):
		off = typ.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return err.Error()
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	return fmt.Sprintf("line %d: %v", line, err)
}

// Filter returns the findings (paths relative to workDir) that the baseline
// does not hide, in their given order, and how many it hid. Each entry hides
// at most one finding.
func (b *Baseline) Filter(findings []lint.Finding, workDir string) (kept []lint.Finding, hidden int) {
	m := b.Matcher(workDir)
	return m.Filter(findings), m.Hidden
}

// Matcher filters a report that arrives in pieces (lint.Options.Emit)
// exactly as Filter filters it whole: each entry hides at most one
// finding over all the pieces.
type Matcher struct {
	b       *Baseline
	workDir string
	left    map[string]int // entries not yet matched, by fingerprint
	Hidden  int            // findings hidden so far
}

// Matcher returns a Matcher for findings with paths relative to workDir.
func (b *Baseline) Matcher(workDir string) *Matcher {
	left := make(map[string]int, len(b.entries))
	for _, e := range b.entries {
		left[e.Fingerprint]++
	}
	return &Matcher{b: b, workDir: workDir, left: left}
}

// Filter returns the findings of one piece that the baseline does not
// hide, in their given order.
func (m *Matcher) Filter(findings []lint.Finding) []lint.Finding {
	kept := make([]lint.Finding, 0, len(findings))
	for _, f := range findings {
		fp := Fingerprint(f, m.workDir, m.b.Dir)
		if m.left[fp] > 0 {
			m.left[fp]--
			m.Hidden++
			continue
		}
		kept = append(kept, f)
	}
	return kept
}
