package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// progressDelay is how long a run goes before a progress line appears:
// short runs, the common case in a pre-commit hook, never show one.
const progressDelay = time.Second

// progressEvery is the shortest interval between two redraws.
const progressEvery = 200 * time.Millisecond

// progress draws "grantguard: N/M files" on one terminal line of stderr,
// redrawn in place. It goes only to a terminal: piped or redirected stderr
// (CI logs, editors, tests) gets nothing, and the report itself (stdout or
// --output) never does.
type progress struct {
	w     io.Writer
	start time.Time
	now   func() time.Time

	mu    sync.Mutex
	last  time.Time
	drawn bool
}

// newProgress returns the progress line for stderr, or nil when stderr is
// not a terminal. A nil *progress does nothing.
func newProgress(stderr io.Writer) *progress {
	f, ok := stderr.(*os.File)
	if !ok || !isTerminal(f) {
		return nil
	}
	return &progress{w: f, start: time.Now(), now: time.Now}
}

// isTerminal reports whether f is a character device, as a terminal is.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// update is lint.Options.Progress.
func (p *progress) update(done, total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.now()
	if t.Sub(p.start) < progressDelay || t.Sub(p.last) < progressEvery && (total < 0 || done < total) {
		return
	}
	p.last = t
	p.drawn = true
	if total < 0 { // the walk is still finding files
		fmt.Fprintf(p.w, "\rgrantguard: %d files", done)
		return
	}
	fmt.Fprintf(p.w, "\rgrantguard: %d/%d files", done, total)
}

// clear erases the progress line, if one was drawn, before anything else
// is written to stderr.
func (p *progress) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

// while runs fn with the progress line erased and not redrawn until fn
// returns: fn writes to a stream that may share the terminal.
func (p *progress) while(fn func() error) error {
	if p == nil {
		return fn()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
	return fn()
}
