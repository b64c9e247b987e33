// Package lsp is grantguard's language server: it lints the files an
// editor has open, from their unsaved text, and publishes the findings as
// diagnostics, over the Language Server Protocol on a pair of streams
// (stdin and stdout for `grantguard lsp`).
//
// Each buffer is linted as `grantguard check` would lint the file in a walk
// of its project: the config is the nearest .grantguard.toml at or above
// the file (whose directory is the project root), else the workspace
// folder holding the file is the root and the defaults apply. The checks
// over the whole migration history (role tiers, what later migrations
// undo) look at the project's files as saved, and are run again when a
// file is saved.
package lsp

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/configfile"
)

// DefaultDebounce is how long after the last change a buffer is linted
// when the client does not say (initializationOptions.debounceMs).
const DefaultDebounce = 200 * time.Millisecond

// Options configure a Server.
type Options struct {
	// Catalogue is every rule that may be reported.
	Catalogue lint.Catalogue
	// History is the migration-history replay (see lint.Options.History).
	History *lint.History
	// Version is reported to the client as serverInfo.version.
	Version string
	// Hover renders a rule's documentation in Markdown for hovers.
	Hover func(*lint.Meta) string
}

// Server is one language server session.
type Server struct {
	opts Options
	out  *writer

	mu          sync.Mutex
	initialized bool
	shutdown    bool
	exited      bool
	folders     []string // workspace folders, absolute paths
	debounce    time.Duration
	tests       bool
	docs        map[string]*document
	shownErrs   map[string]string // config path → the error last shown for it

	// lintMu serializes linting; projects is guarded by it.
	lintMu   sync.Mutex
	projects map[string]*project
}

// document is an open buffer.
type document struct {
	uri, path string
	text      string
	version   int
	// gen counts changes: a lint publishes only if no change came since
	// it started.
	gen   int
	timer *time.Timer
	// found are the published diagnostics with their rules, for hovers.
	found []published
}

type published struct {
	diag diagnostic
	rule string
}

// project is the lint.Project of one root, with the config it was made
// with.
type project struct {
	root    string
	cfgPath string
	cfgMod  time.Time
	cfgSize int64
	p       *lint.Project
}

// New returns a server.
func New(opts Options) *Server {
	return &Server{
		opts:      opts,
		debounce:  DefaultDebounce,
		docs:      map[string]*document{},
		shownErrs: map[string]string{},
		projects:  map[string]*project{},
	}
}

// Run serves one session: it reads messages from in and writes to out
// until the client sends exit or in ends. It returns the process exit
// code the protocol asks for: 0 after shutdown, 1 otherwise.
func (s *Server) Run(in io.Reader, out io.Writer) int {
	s.out = &writer{w: out}
	r := newReader(in)
	defer s.stop()
	for {
		m, err := r.read()
		var bad *badMessage
		switch {
		case errors.As(err, &bad):
			s.reply(nil, nil, &rpcError{Code: bad.code, Message: bad.Error()})
			continue
		case errors.Is(err, errTooLarge):
			s.logf(messageError, "grantguard: a message over %d bytes was dropped", maxMessage)
			continue
		case err != nil:
			return s.exitCode()
		}
		if m.Method == "exit" {
			return s.exitCode()
		}
		s.handle(m)
	}
}

func (s *Server) exitCode() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shutdown {
		return 0
	}
	return 1
}

// stop ends every pending lint: nothing is published after Run returns.
func (s *Server) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.exited = true
	for _, d := range s.docs {
		if d.timer != nil {
			d.timer.Stop()
		}
	}
}

// handle dispatches one message. A panic in a handler is answered (for a
// request) and logged; the session goes on.
func (s *Server) handle(m *message) {
	isRequest := m.ID != nil && string(m.ID) != "null"
	defer func() {
		if p := recover(); p != nil {
			s.logf(messageError, "grantguard: internal error handling %s: %v", m.Method, p)
			if isRequest {
				s.reply(m.ID, nil, &rpcError{Code: codeInvalidRequest, Message: fmt.Sprintf("internal error: %v", p)})
			}
		}
	}()
	if m.Method == "" {
		return // a response to a request of ours; the server sends none
	}
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	if isRequest {
		switch {
		case m.Method == "initialize":
			if initialized {
				s.reply(m.ID, nil, &rpcError{Code: codeInvalidRequest, Message: "initialize was already received"})
				return
			}
			res, err := s.initialize(m.Params)
			s.reply(m.ID, res, err)
		case !initialized:
			s.reply(m.ID, nil, &rpcError{Code: codeServerNotInitialized, Message: "the server is not initialized"})
		case shutdown:
			s.reply(m.ID, nil, &rpcError{Code: codeInvalidRequest, Message: "the server is shut down"})
		case m.Method == "shutdown":
			s.mu.Lock()
			s.shutdown = true
			s.mu.Unlock()
			s.reply(m.ID, nil, nil)
		case m.Method == "textDocument/hover":
			res, err := s.hover(m.Params)
			s.reply(m.ID, res, err)
		default:
			s.reply(m.ID, nil, &rpcError{Code: codeMethodNotFound, Message: "method not found: " + m.Method})
		}
		return
	}
	if !initialized || shutdown {
		return // notifications other than exit are dropped
	}
	switch m.Method {
	case "textDocument/didOpen":
		var p didOpenParams
		if decode(m.Params, &p) {
			s.open(p)
		}
	case "textDocument/didChange":
		var p didChangeParams
		if decode(m.Params, &p) {
			s.change(p)
		}
	case "textDocument/didSave":
		var p didSaveParams
		if decode(m.Params, &p) {
			s.save(p)
		}
	case "textDocument/didClose":
		var p didCloseParams
		if decode(m.Params, &p) {
			s.close(p)
		}
	}
}

func decode(raw json.RawMessage, v any) bool {
	return len(raw) > 0 && json.Unmarshal(raw, v) == nil
}

// reply answers a request; a nil result with no error is JSON null.
func (s *Server) reply(id json.RawMessage, result any, rerr *rpcError) {
	if id == nil {
		id = json.RawMessage("null")
	}
	m := &message{ID: id, Error: rerr}
	if rerr == nil {
		b, err := json.Marshal(result)
		if err != nil {
			m.Error = &rpcError{Code: codeInvalidRequest, Message: err.Error()}
		} else {
			m.Result = b
		}
	}
	_ = s.out.write(m) // a client gone away ends the session at the next read
}

func (s *Server) notify(method string, params any) {
	b, err := json.Marshal(params)
	if err != nil {
		return
	}
	_ = s.out.write(&message{Method: method, Params: b})
}

func (s *Server) logf(typ int, format string, args ...any) {
	s.notify("window/logMessage", showMessageParams{Type: typ, Message: fmt.Sprintf(format, args...)})
}

func (s *Server) initialize(raw json.RawMessage) (any, *rpcError) {
	var p initializeParams
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, &rpcError{Code: codeInvalidParams, Message: "initialize: " + err.Error()}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initialized = true
	for _, f := range p.WorkspaceFolders {
		if path := uriPath(f.URI); path != "" {
			s.folders = append(s.folders, path)
		}
	}
	if len(s.folders) == 0 {
		if path := uriPath(p.RootURI); path != "" {
			s.folders = append(s.folders, path)
		} else if p.RootPath != "" && filepath.IsAbs(p.RootPath) {
			s.folders = append(s.folders, filepath.Clean(p.RootPath))
		}
	}
	if o := p.InitializationOptions; o != nil {
		if o.DebounceMS != nil && *o.DebounceMS >= 0 {
			s.debounce = time.Duration(*o.DebounceMS) * time.Millisecond
		}
		s.tests = o.Tests
	}
	return initializeResult{
		Capabilities: serverCapabilities{
			TextDocumentSync: textDocumentSyncOptions{OpenClose: true, Change: 1, Save: saveOptions{IncludeText: false}},
			HoverProvider:    true,
		},
		ServerInfo: serverInfo{Name: "grantguard", Version: s.opts.Version},
	}, nil
}

func (s *Server) open(p didOpenParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	td := p.TextDocument
	d := s.docs[td.URI]
	if d == nil {
		d = &document{uri: td.URI, path: uriPath(td.URI)}
		s.docs[td.URI] = d
	}
	d.text, d.version = td.Text, td.Version
	s.schedule(d, 0)
}

func (s *Server) change(p didChangeParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil || len(p.ContentChanges) == 0 {
		return
	}
	// Full sync: the last change is the whole text. A client that sends
	// ranged changes anyway gets them applied.
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			d.text = c.Text
		} else {
			d.text = applyChange(d.text, *c.Range, c.Text)
		}
	}
	d.version = p.TextDocument.Version
	s.schedule(d, s.debounce)
}

// save runs the checks over the migration history again (the project is
// made anew from the files on disk) and re-lints the open buffers of the
// project.
func (s *Server) save(p didSaveParams) {
	path := uriPath(p.TextDocument.URI)
	if path == "" {
		return
	}
	s.lintMu.Lock()
	for key, pr := range s.projects {
		if within(path, pr.root) || path == pr.cfgPath {
			delete(s.projects, key)
		}
	}
	s.lintMu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.docs[p.TextDocument.URI]; d != nil && p.Text != nil {
		d.text = *p.Text
	}
	for _, d := range s.docs {
		s.schedule(d, 0)
	}
}

func (s *Server) close(p didCloseParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return
	}
	if d.timer != nil {
		d.timer.Stop()
	}
	d.gen++ // a lint in flight does not publish
	delete(s.docs, p.TextDocument.URI)
	s.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: d.uri, Diagnostics: []diagnostic{}})
}

// schedule lints d after delay, replacing a lint scheduled before. s.mu
// is held.
func (s *Server) schedule(d *document, delay time.Duration) {
	d.gen++
	gen := d.gen
	if d.timer != nil {
		d.timer.Stop()
	}
	run := func() { s.lintDoc(d, gen) }
	if delay <= 0 {
		d.timer = nil
		go run()
		return
	}
	d.timer = time.AfterFunc(delay, run)
}

// lintDoc lints d as it was at change gen and publishes the result unless
// a newer change came in the meantime.
func (s *Server) lintDoc(d *document, gen int) {
	s.mu.Lock()
	if d.gen != gen || s.exited {
		s.mu.Unlock()
		return
	}
	text, version, path := d.text, d.version, d.path
	s.mu.Unlock()

	var found []published
	var note string
	if path != "" {
		found, note = s.lint(path, text)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if d.gen != gen || s.exited || s.docs[d.uri] != d {
		return
	}
	d.found = found
	diags := make([]diagnostic, len(found))
	for i, f := range found {
		diags[i] = f.diag
	}
	v := version
	// Written under s.mu, so that a newer lint's result never goes out
	// before an older one's.
	s.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: d.uri, Version: &v, Diagnostics: diags})
	if note != "" {
		s.logf(messageLog, "grantguard: %s: %s", path, note)
	}
}

// lint lints text as the file at path and returns its diagnostics, or
// none and why the file is not linted.
func (s *Server) lint(path, text string) ([]published, string) {
	s.lintMu.Lock()
	defer s.lintMu.Unlock()
	pr := s.projectFor(path)
	if pr == nil {
		return nil, "no project"
	}
	src := []byte(text)
	findings, note := pr.p.Check(path, src)
	if note != "" {
		return nil, note
	}
	lines := splitLines(src)
	out := make([]published, 0, len(findings))
	for _, f := range findings {
		d := diagnostic{
			Range:    findingRange(lines, f),
			Severity: lspSeverity(f.Severity),
			Code:     f.Rule,
			Source:   "grantguard",
			Message:  f.Message,
		}
		if r := s.opts.Catalogue.Lookup(f.Rule); r != nil {
			d.CodeDescription = &codeDescription{Href: r.DocURL()}
		}
		out = append(out, published{diag: d, rule: f.Rule})
	}
	return out, ""
}

// projectFor returns the project of the file at path, made on first use
// and again when its config file changes. s.lintMu is held.
func (s *Server) projectFor(path string) *project {
	cfgPath := lint.ConfigFor(path)
	var root string
	var mod time.Time
	var size int64
	if cfgPath != "" {
		root = filepath.Dir(cfgPath)
		if fi, err := os.Stat(cfgPath); err == nil {
			mod, size = fi.ModTime(), fi.Size()
		}
	} else {
		root = s.folderOf(path)
	}
	key := root + "\x00" + cfgPath
	if pr := s.projects[key]; pr != nil && pr.cfgMod.Equal(mod) && pr.cfgSize == size {
		return pr
	}
	cfg := lint.DefaultConfig()
	if cfgPath != "" {
		c, err := configfile.Load(cfgPath, s.opts.Catalogue.IDs())
		if err != nil {
			s.configError(cfgPath, err)
			cfg.Path, cfg.Dir = cfgPath, root
		} else {
			s.configError(cfgPath, nil)
			if !filepath.IsAbs(c.Dir) {
				c.Dir = filepath.Join(root, c.Dir)
			}
			cfg = c
		}
	}
	s.mu.Lock()
	tests := s.tests
	s.mu.Unlock()
	p, err := lint.NewProject(lint.Options{
		Paths: []string{root}, WorkDir: root, Config: cfg,
		Catalogue: s.opts.Catalogue, History: s.opts.History, Tests: tests,
	})
	if err != nil {
		s.logf(messageError, "grantguard: %v", err)
		return nil
	}
	for _, n := range p.Notes {
		s.logf(messageError, "grantguard: %s: %s", n.Path, n.Reason)
	}
	pr := &project{root: root, cfgPath: cfgPath, cfgMod: mod, cfgSize: size, p: p}
	s.projects[key] = pr
	return pr
}

// configError shows a config error to the user, once until it changes;
// err nil clears it.
func (s *Server) configError(path string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil {
		delete(s.shownErrs, path)
		return
	}
	msg := "grantguard: " + err.Error() + " (linting with the default settings until it is fixed)"
	if s.shownErrs[path] == msg {
		return
	}
	s.shownErrs[path] = msg
	s.notify("window/showMessage", showMessageParams{Type: messageError, Message: msg})
}

// folderOf returns the workspace folder holding path (the innermost),
// else path's directory.
func (s *Server) folderOf(path string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	best := ""
	for _, f := range s.folders {
		if within(path, f) && len(f) > len(best) {
			best = f
		}
	}
	if best == "" {
		return filepath.Dir(path)
	}
	return best
}

func (s *Server) hover(raw json.RawMessage) (any, *rpcError) {
	var p hoverParams
	if !decode(raw, &p) {
		return nil, &rpcError{Code: codeInvalidParams, Message: "textDocument/hover: bad params"}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return nil, nil
	}
	var parts []string
	var rng *lspRange
	seen := map[string]bool{}
	for _, f := range d.found {
		if !contains(f.diag.Range, p.Position) {
			continue
		}
		if rng == nil {
			r := f.diag.Range
			rng = &r
		}
		part := fmt.Sprintf("**%s** (grantguard, %s): %s", f.rule, severityName(f.diag.Severity), f.diag.Message)
		if r := s.opts.Catalogue.Lookup(f.rule); r != nil && !seen[f.rule] && s.opts.Hover != nil {
			part += "\n\n" + s.opts.Hover(&r.Meta)
		}
		seen[f.rule] = true
		parts = append(parts, part)
	}
	if len(parts) == 0 {
		return nil, nil
	}
	return hover{Contents: markupContent{Kind: "markdown", Value: strings.Join(parts, "\n\n---\n\n")}, Range: rng}, nil
}

func contains(r lspRange, p position) bool {
	before := func(a, b position) bool { return a.Line < b.Line || a.Line == b.Line && a.Character <= b.Character }
	return before(r.Start, p) && before(p, r.End)
}

func lspSeverity(s lint.Severity) int {
	switch s {
	case lint.Error:
		return severityError
	case lint.Warning:
		return severityWarning
	}
	return severityInformation
}

func severityName(s int) string {
	switch s {
	case severityError:
		return "error"
	case severityWarning:
		return "warning"
	}
	return "note"
}

// uriPath returns the absolute path of a file: URI, "" for other schemes
// (an untitled buffer has no path to find a config or a kind by).
func uriPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return ""
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/")
		if u.Host != "" {
			p = `\\` + u.Host + p
		}
	}
	p = filepath.FromSlash(p)
	if !filepath.IsAbs(p) {
		return ""
	}
	return filepath.Clean(p)
}

// within reports whether path is dir or under it.
func within(path, dir string) bool {
	if path == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(path, dir)
}
