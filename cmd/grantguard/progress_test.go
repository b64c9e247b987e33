package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestProgressNotOnNonTerminal runs a check with stderr redirected to a
// file, as in CI: no progress line may appear, in stderr or the report.
func TestProgressNotOnNonTerminal(t *testing.T) {
	files := map[string]string{}
	for i := range 50 {
		files[filepath.Join("m", strings.Repeat("x", i%5+1)+string(rune('a'+i%26))+".sql")] = "GRANT ALL ON t TO app;\n"
	}
	dir := writeTree(t, files)
	chdir(t, dir)
	errFile, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer errFile.Close()
	if newProgress(errFile) != nil {
		t.Fatal("progress enabled for a regular file")
	}
	if newProgress(&bytes.Buffer{}) != nil {
		t.Fatal("progress enabled for a buffer")
	}
	var out bytes.Buffer
	if code := run([]string{"check", "--format", "json", "."}, &out, errFile); code != exitFindings {
		t.Fatalf("exit %d", code)
	}
	errText, err := os.ReadFile(errFile.Name())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{string(errText), out.String()} {
		if strings.Contains(s, "\r") || strings.Contains(s, " files") {
			t.Errorf("progress output found:\n%q", s)
		}
	}
}

// TestProgressLine drives the progress line with a fake clock: nothing in
// the first second, then at most one redraw per interval, the final count
// always, and clear erases the line.
func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	t0 := time.Unix(1000, 0)
	now := t0
	p := &progress{w: &buf, start: t0, now: func() time.Time { return now }}
	p.update(1, 10)
	now = t0.Add(500 * time.Millisecond)
	p.update(2, 10)
	if buf.Len() != 0 {
		t.Fatalf("progress before %v: %q", progressDelay, buf.String())
	}
	p.clear()
	if buf.Len() != 0 {
		t.Fatalf("clear without a line drawn: %q", buf.String())
	}
	now = t0.Add(progressDelay)
	p.update(3, 10)
	now = now.Add(progressEvery / 2)
	p.update(4, 10) // too soon
	p.update(10, 10)
	p.clear()
	if want := "\rgrantguard: 3/10 files\rgrantguard: 10/10 files\r\033[K"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
	var nilProgress *progress
	nilProgress.update(1, 1)
	nilProgress.clear()
}
