package lsp

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// maxMessage is the largest message body read. A buffer at the lint limit
// (lint.MaxFileSize), JSON-escaped, fits many times over; a longer body is
// read past and dropped.
const maxMessage = 256 << 20

// JSON-RPC 2.0 error codes used here.
const (
	codeParseError           = -32700
	codeInvalidRequest       = -32600
	codeMethodNotFound       = -32601
	codeInvalidParams        = -32602
	codeServerNotInitialized = -32002
)

// message is any JSON-RPC 2.0 message: a request (ID and Method), a
// notification (Method only) or a response (ID and Result or Error).
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// errTooLarge is a message whose body was over maxMessage; it has been
// skipped and the stream is still in step.
var errTooLarge = errors.New("message too large")

// badMessage is a message that could not be decoded; the stream is still
// in step.
type badMessage struct {
	code int // codeParseError or codeInvalidRequest
	err  error
}

func (e *badMessage) Error() string { return "malformed message: " + e.err.Error() }

// reader reads Content-Length framed messages.
type reader struct{ r *bufio.Reader }

func newReader(r io.Reader) *reader { return &reader{bufio.NewReaderSize(r, 64<<10)} }

// read returns the next message. An io error (io.EOF at the end) ends
// the stream; errTooLarge and *badMessage do not.
func (r *reader) read() (*message, error) {
	length := -1
	for {
		line, err := r.r.ReadString('\n')
		if err != nil {
			if err == io.EOF && line != "" {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if length >= 0 {
				break
			}
			continue // a stray blank line, or a header block without a length
		}
		name, value, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err == nil && n >= 0 {
				length = n
			}
		}
	}
	if length > maxMessage {
		if _, err := io.CopyN(io.Discard, r.r, int64(length)); err != nil {
			return nil, err
		}
		return nil, errTooLarge
	}
	// Read as the bytes come, not into a buffer of the announced size: a
	// wrong length must not allocate hundreds of megabytes.
	body, err := io.ReadAll(io.LimitReader(r.r, int64(length)))
	if err != nil {
		return nil, err
	}
	if len(body) < length {
		return nil, io.ErrUnexpectedEOF
	}
	var m message
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, &badMessage{codeParseError, err}
	}
	if m.JSONRPC != "2.0" {
		return nil, &badMessage{codeInvalidRequest, fmt.Errorf("jsonrpc is %q, want \"2.0\"", m.JSONRPC)}
	}
	return &m, nil
}

// writer writes Content-Length framed messages, one at a time.
type writer struct {
	mu sync.Mutex
	w  io.Writer
}

func (w *writer) write(m *message) error {
	m.JSONRPC = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, err := fmt.Fprintf(w.w, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err = w.w.Write(body)
	return err
}
