package lsp

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/grantguard/grantguard/lint/format"
	"github.com/grantguard/grantguard/rules"
)

// client drives a Server over a pair of pipes, as an editor would.
type client struct {
	t      *testing.T
	in     *io.PipeWriter
	msgs   chan *message
	queue  []*message // received, not yet consumed
	nextID int
	done   chan struct{} // closed when Run has returned
	code   int           // what Run returned
}

func newServer() *Server {
	return New(Options{Catalogue: rules.All, History: rules.History, Version: "test", Hover: format.HelpMarkdown})
}

func startClient(t *testing.T) *client {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &client{t: t, in: inW, msgs: make(chan *message, 100), done: make(chan struct{})}
	go func() {
		c.code = newServer().Run(inR, outW)
		_ = outW.Close()
		close(c.done)
	}()
	go func() {
		r := newReader(outR)
		for {
			m, err := r.read()
			if err != nil {
				close(c.msgs)
				return
			}
			c.msgs <- m
		}
	}()
	t.Cleanup(func() {
		_ = inW.Close()
		select {
		case <-c.done:
		case <-time.After(10 * time.Second):
			t.Error("the server did not end when its input closed")
		}
	})
	return c
}

func (c *client) send(m *message) {
	c.t.Helper()
	if err := (&writer{w: c.in}).write(m); err != nil {
		c.t.Fatal(err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	b, _ := json.Marshal(params)
	c.send(&message{Method: method, Params: b})
}

// request sends a request and returns its response; notifications that
// come first are kept for next.
func (c *client) request(method string, params any) *message {
	c.t.Helper()
	c.nextID++
	id := json.RawMessage(fmt.Sprint(c.nextID))
	b, _ := json.Marshal(params)
	c.send(&message{ID: id, Method: method, Params: b})
	return c.await(func(m *message) bool { return m.Method == "" && string(m.ID) == string(id) })
}

// await returns the first message, queued or to come, that match accepts.
func (c *client) await(match func(*message) bool) *message {
	c.t.Helper()
	for i, m := range c.queue {
		if match(m) {
			c.queue = append(c.queue[:i], c.queue[i+1:]...)
			return m
		}
	}
	timeout := time.After(10 * time.Second)
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatal("the server closed its output")
			}
			if match(m) {
				return m
			}
			c.queue = append(c.queue, m)
		case <-timeout:
			c.t.Fatal("no answer from the server")
		}
	}
}

// diagnostics returns the next diagnostics published for uri.
func (c *client) diagnostics(uri string) publishDiagnosticsParams {
	c.t.Helper()
	m := c.await(func(m *message) bool {
		if m.Method != "textDocument/publishDiagnostics" {
			return false
		}
		var p publishDiagnosticsParams
		return json.Unmarshal(m.Params, &p) == nil && p.URI == uri
	})
	var p publishDiagnosticsParams
	_ = json.Unmarshal(m.Params, &p)
	return p
}

func (c *client) initialize(root string) {
	c.t.Helper()
	res := c.request("initialize", map[string]any{
		"processId": nil, "rootUri": fileURI(root), "capabilities": map[string]any{},
		"initializationOptions": map[string]any{"debounceMs": 0},
	})
	if res.Error != nil {
		c.t.Fatalf("initialize: %v", res.Error.Message)
	}
	var ir initializeResult
	if err := json.Unmarshal(res.Result, &ir); err != nil {
		c.t.Fatal(err)
	}
	want := serverCapabilities{TextDocumentSync: textDocumentSyncOptions{OpenClose: true, Change: 1}, HoverProvider: true}
	if !reflect.DeepEqual(ir.Capabilities, want) || ir.ServerInfo.Name != "grantguard" {
		c.t.Fatalf("initialize result %+v", ir)
	}
	c.notify("initialized", map[string]any{})
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

func writeFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const grantDoc = "https://github.com/grantguard/grantguard/blob/main/docs/rules.md#"

// migration holds a literal password and a GRANT ALL whose line starts
// with characters outside the Basic Multilingual Plane and outside ASCII,
// so that UTF-16 columns differ from code points and from bytes.
const migration = "CREATE ROLE app LOGIN PASSWORD 'hunter2-secret';\n" +
	"/* 𝄞 é */ GRANT ALL ON TABLE orders TO app;\n"

const fixed = "CREATE ROLE app LOGIN;\n" +
	"/* 𝄞 é */ GRANT SELECT ON TABLE orders TO app;\n"

func TestSession(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "db", "001_init.sql")
	writeFile(t, path, migration)
	uri := fileURI(path)
	c := startClient(t)
	c.initialize(root)

	c.notify("textDocument/didOpen", didOpenParams{TextDocument: textDocumentItem{URI: uri, LanguageID: "sql", Version: 1, Text: migration}})
	got := c.diagnostics(uri)
	want := []diagnostic{
		{
			// 'hunter2-secret' is columns 33 to 47 on a line of ASCII.
			Range:    lspRange{position{0, 32}, position{0, 46}},
			Severity: severityError, Code: "hardcoded-password",
			CodeDescription: &codeDescription{grantDoc + "hardcoded-password"},
			Source:          "grantguard",
			Message:         "CREATE ROLE app sets a literal password (hu***)",
		},
		{
			// ALL is code point 17; 𝄞 is two UTF-16 units. The end is
			// not known, so the range runs to the end of the line.
			Range:    lspRange{position{1, 17}, position{1, 44}},
			Severity: severityError, Code: "grant-all",
			CodeDescription: &codeDescription{grantDoc + "grant-all"},
			Source:          "grantguard",
			Message:         "GRANT ALL on TABLE orders to app gives every privilege; grant only the ones needed",
		},
	}
	if !reflect.DeepEqual(got.Diagnostics, want) {
		t.Errorf("diagnostics after didOpen\n got %+v\nwant %+v", got.Diagnostics, want)
	}
	if got.Version == nil || *got.Version != 1 {
		t.Errorf("version %v, want 1", got.Version)
	}
	raw, _ := json.Marshal(got)
	if strings.Contains(string(raw), "hunter2") {
		t.Errorf("the password is in the diagnostics: %s", raw)
	}

	// Hover on ALL shows the finding and the rule's documentation.
	res := c.request("textDocument/hover", hoverParams{TextDocument: textDocumentIdentifier{URI: uri}, Position: position{1, 18}})
	var h hover
	if res.Error != nil || json.Unmarshal(res.Result, &h) != nil {
		t.Fatalf("hover: %s %v", res.Result, res.Error)
	}
	wantHover := "**grant-all** (grantguard, error): GRANT ALL on TABLE orders to app gives every privilege; grant only the ones needed\n\n" +
		format.HelpMarkdown(&rules.All.Lookup("grant-all").Meta)
	if h.Contents.Kind != "markdown" || h.Contents.Value != wantHover || h.Range == nil || *h.Range != want[1].Range {
		t.Errorf("hover %+v", h)
	}
	// Nothing to say where there is no finding.
	res = c.request("textDocument/hover", hoverParams{TextDocument: textDocumentIdentifier{URI: uri}, Position: position{0, 2}})
	if res.Error != nil || string(res.Result) != "null" {
		t.Errorf("hover off a finding: %s %v", res.Result, res.Error)
	}

	c.notify("textDocument/didChange", didChangeParams{
		TextDocument:   versionedTextDocumentIdentifier{URI: uri, Version: 2},
		ContentChanges: []contentChange{{Text: fixed}},
	})
	got = c.diagnostics(uri)
	if len(got.Diagnostics) != 0 || got.Version == nil || *got.Version != 2 {
		t.Errorf("diagnostics after the fix: %+v", got)
	}

	c.notify("textDocument/didClose", didCloseParams{TextDocument: textDocumentIdentifier{URI: uri}})
	got = c.diagnostics(uri)
	if len(got.Diagnostics) != 0 || got.Version != nil {
		t.Errorf("diagnostics after didClose: %+v", got)
	}

	res = c.request("shutdown", nil)
	if res.Error != nil || string(res.Result) != "null" {
		t.Errorf("shutdown: %s %v", res.Result, res.Error)
	}
	res = c.request("textDocument/hover", hoverParams{TextDocument: textDocumentIdentifier{URI: uri}})
	if res.Error == nil || res.Error.Code != codeInvalidRequest {
		t.Errorf("a request after shutdown: %s %v", res.Result, res.Error)
	}
	c.notify("exit", nil)
	select {
	case <-c.done:
		if c.code != 0 {
			t.Errorf("exit code %d after shutdown, want 0", c.code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not exit")
	}
}

// TestConfig: the nearest .grantguard.toml at or above the file applies; a
// broken one is an error message to the user, and the buffer is linted
// with the defaults until it is fixed.
func TestConfig(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "svc", ".grantguard.toml"), "[rules]\ndisable = [\"hardcoded-password\"]\nseverity = { grant-all = \"warning\" }\n")
	path := filepath.Join(root, "svc", "db", "001_init.sql")
	writeFile(t, path, migration)
	uri := fileURI(path)
	c := startClient(t)
	c.initialize(root)
	c.notify("textDocument/didOpen", didOpenParams{TextDocument: textDocumentItem{URI: uri, LanguageID: "sql", Version: 1, Text: migration}})
	got := c.diagnostics(uri)
	if len(got.Diagnostics) != 1 || got.Diagnostics[0].Code != "grant-all" || got.Diagnostics[0].Severity != severityWarning {
		t.Errorf("with the config: %+v", got.Diagnostics)
	}

	writeFile(t, filepath.Join(root, "svc", ".grantguard.toml"), "[rules]\ndisable = [\"grant-alll\"]\n")
	c.notify("textDocument/didSave", didSaveParams{TextDocument: textDocumentIdentifier{URI: fileURI(filepath.Join(root, "svc", ".grantguard.toml"))}})
	m := c.await(func(m *message) bool { return m.Method == "window/showMessage" })
	var sm showMessageParams
	_ = json.Unmarshal(m.Params, &sm)
	cfgPath := filepath.Join(root, "svc", ".grantguard.toml")
	wantMsg := "grantguard: " + cfgPath + `:2: [rules] disable: unknown rule "grant-alll" (did you mean "grant-all"?) (linting with the default settings until it is fixed)`
	if sm.Type != messageError || sm.Message != wantMsg {
		t.Errorf("showMessage %+v\nwant %q", sm, wantMsg)
	}
	got = c.diagnostics(uri)
	var codes []string
	for _, d := range got.Diagnostics {
		codes = append(codes, d.Code)
	}
	if strings.Join(codes, " ") != "hardcoded-password grant-all" {
		t.Errorf("with a broken config, the defaults: %v", codes)
	}
}

// TestHistoryOnSave: what a later migration undoes is not reported; the
// history is read again from disk when a file is saved.
func TestHistoryOnSave(t *testing.T) {
	root := t.TempDir()
	first := filepath.Join(root, "migrations", "001_grant.sql")
	second := filepath.Join(root, "migrations", "002_revoke.sql")
	grant := "GRANT ALL ON TABLE orders TO app;\n"
	writeFile(t, first, grant)
	writeFile(t, second, "REVOKE ALL ON TABLE orders FROM app;\nGRANT SELECT ON TABLE orders TO app;\n")
	uri := fileURI(first)
	c := startClient(t)
	c.initialize(root)
	c.notify("textDocument/didOpen", didOpenParams{TextDocument: textDocumentItem{URI: uri, LanguageID: "sql", Version: 1, Text: grant}})
	if got := c.diagnostics(uri); len(got.Diagnostics) != 0 {
		t.Errorf("GRANT ALL revoked by a later migration: %+v", got.Diagnostics)
	}
	// An unsaved edit above the statement keeps the history's view of it.
	edited := "-- orders\n" + grant
	c.notify("textDocument/didChange", didChangeParams{
		TextDocument: versionedTextDocumentIdentifier{URI: uri, Version: 2}, ContentChanges: []contentChange{{Text: edited}},
	})
	if got := c.diagnostics(uri); len(got.Diagnostics) != 0 {
		t.Errorf("after an edit above the statement: %+v", got.Diagnostics)
	}
	// The later migration loses its REVOKE and is saved.
	writeFile(t, second, "GRANT SELECT ON TABLE orders TO app;\n")
	c.notify("textDocument/didSave", didSaveParams{TextDocument: textDocumentIdentifier{URI: fileURI(second)}})
	got := c.diagnostics(uri)
	if len(got.Diagnostics) != 1 || got.Diagnostics[0].Code != "grant-all" || got.Diagnostics[0].Range.Start != (position{1, 6}) {
		t.Errorf("once the REVOKE is gone: %+v", got.Diagnostics)
	}
}

// TestBadInput: malformed messages are answered with JSON-RPC errors,
// buffers that cannot be linted get no diagnostics, and the session goes
// on.
func TestBadInput(t *testing.T) {
	root := t.TempDir()
	c := startClient(t)

	// A request before initialize.
	res := c.request("textDocument/hover", hoverParams{})
	if res.Error == nil || res.Error.Code != codeServerNotInitialized {
		t.Errorf("before initialize: %+v", res)
	}
	c.initialize(root)

	for _, tc := range []struct {
		body string
		code int
	}{
		{`{"jsonrpc":"2.0","id":1,"method":`, codeParseError},
		{`[1,2,3]`, codeParseError},
		{`{"id":2,"method":"shutdown"}`, codeInvalidRequest},
	} {
		if _, err := fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n%s", len(tc.body), tc.body); err != nil {
			t.Fatal(err)
		}
		m := c.await(func(m *message) bool { return m.Error != nil && string(m.ID) == "null" })
		if m.Error.Code != tc.code {
			t.Errorf("%s: error %+v, want code %d", tc.body, m.Error, tc.code)
		}
	}
	// Headers without a length, then a stray blank line, are read past.
	if _, err := io.WriteString(c.in, "Content-Type: x\r\n\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	res = c.request("no/such/method", nil)
	if res.Error == nil || res.Error.Code != codeMethodNotFound {
		t.Errorf("unknown method: %+v", res)
	}
	res = c.request("textDocument/hover", "not an object")
	if res.Error == nil || res.Error.Code != codeInvalidParams {
		t.Errorf("bad params: %+v", res)
	}

	for name, text := range map[string]string{
		"binary.sql":   "GRANT ALL ON TABLE t TO app;\x00\x01",
		"huge.sql":     strings.Repeat("GRANT ALL ON TABLE t TO app;\n", 400_000),
		"notutf8.sql":  "GRANT ALL ON TABLE t TO app; -- \xff\xfe",
		"parse.sql":    "GRANT ALL ON TABLE t TO app;\nCREATE ROLE (;\n",
		"pg_hba.conf":  "host all all 0.0.0.0/0 trust\n",
		"app.yaml":     "db:\n  url: postgres://u:s3cret-pw@db.example.com/app?sslmode=disable\n  [broken\n",
		"settings.env": "DATABASE_URL=postgres://u:s3cret-pw@db.example.com/app?sslmode=require\n",
	} {
		uri := fileURI(filepath.Join(root, name))
		c.notify("textDocument/didOpen", didOpenParams{TextDocument: textDocumentItem{URI: uri, Version: 1, Text: text}})
		got := c.diagnostics(uri)
		raw, _ := json.Marshal(got)
		if strings.Contains(string(raw), "s3cret") {
			t.Errorf("%s: the password is in the diagnostics: %s", name, raw)
		}
		switch name {
		case "binary.sql", "huge.sql":
			if len(got.Diagnostics) != 0 {
				t.Errorf("%s: %d diagnostics, want none", name, len(got.Diagnostics))
			}
		case "notutf8.sql":
			// JSON carries no invalid UTF-8: the bytes arrive as U+FFFD.
			if len(got.Diagnostics) != 1 || got.Diagnostics[0].Code != "grant-all" {
				t.Errorf("%s: %+v", name, got.Diagnostics)
			}
		default:
			if len(got.Diagnostics) == 0 {
				t.Errorf("%s: no diagnostics", name)
			}
		}
	}
	// An untitled buffer has no path: nothing to lint, no error.
	c.notify("textDocument/didOpen", didOpenParams{TextDocument: textDocumentItem{URI: "untitled:Untitled-1", Version: 1, Text: "GRANT ALL ON TABLE t TO app;"}})
	if got := c.diagnostics("untitled:Untitled-1"); len(got.Diagnostics) != 0 {
		t.Errorf("untitled: %+v", got)
	}
	// The session still works.
	res = c.request("textDocument/hover", hoverParams{TextDocument: textDocumentIdentifier{URI: fileURI(filepath.Join(root, "pg_hba.conf"))}, Position: position{0, 26}})
	if res.Error != nil || !strings.Contains(string(res.Result), "hba-trust") {
		t.Errorf("hover after bad input: %s %+v", res.Result, res.Error)
	}
	// exit without shutdown: exit code 1.
	c.notify("exit", nil)
	<-c.done
	if c.code != 1 {
		t.Errorf("exit code %d without shutdown, want 1", c.code)
	}
}
