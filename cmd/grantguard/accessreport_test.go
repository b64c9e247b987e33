package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAccessReportGolden renders the access review of examples/ with the
// role hierarchy of testdata/access in every format and compares it with
// testdata/golden/access-report.*; -update rewrites them.
func TestAccessReportGolden(t *testing.T) {
	chdir(t, repoRoot(t))
	for format, ext := range map[string]string{"markdown": "md", "json": "json", "csv": "csv", "html": "html"} {
		t.Run(format, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{"access-report", "--config", "testdata/access/grantguard.toml", "--format", format, "./examples"}, &stdout, &stderr)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			path := filepath.Join("testdata", "golden", "access-report."+ext)
			if *update {
				if err := os.WriteFile(path, stdout.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := stdout.String(); got != string(want) {
				t.Errorf("%s differs from the golden file (go test ./cmd/grantguard -update to accept):\n%s", path, got)
			}
			switch format {
			case "json":
				var v map[string]any
				if err := json.Unmarshal(stdout.Bytes(), &v); err != nil {
					t.Errorf("invalid JSON: %v", err)
				}
			case "csv":
				if _, err := csv.NewReader(&stdout).ReadAll(); err != nil {
					t.Errorf("invalid CSV: %v", err)
				}
			}
		})
	}
}

func TestAccessReportFlags(t *testing.T) {
	chdir(t, repoRoot(t))
	var stdout, stderr bytes.Buffer
	if code := run([]string{"access-report", "--format", "xml", "examples"}, &stdout, &stderr); code != exitError ||
		!strings.Contains(stderr.String(), `unknown --format "xml" (want markdown, json, csv, html)`) {
		t.Errorf("bad format: exit %d, %q", code, stderr.String())
	}
	out := filepath.Join(t.TempDir(), "review.md")
	stderr.Reset()
	if code := run([]string{"access-report", "examples/migrations", "--output", out}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	data, err := os.ReadFile(out)
	if err != nil || !bytes.Contains(data, []byte("```mermaid\ngraph LR\n")) {
		t.Errorf("--output: %v\n%s", err, data)
	}
}
