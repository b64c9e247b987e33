package sqlfront

import (
	"sort"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Stmt is one parsed SQL statement: a top-level statement of a file, or a
// statement nested in a DO block, a function body or an EXECUTE of a literal.
// Locations in Node are offsets into the text the statement was parsed from;
// the Stmt methods take such locations and the pass maps them to the file.
type Stmt struct {
	Node *pg_query.Node
	// Depth is 0 for a top-level statement and counts nesting in bodies.
	Depth int

	src        string        // the text the parser saw; Node's locations index it
	start, end int           // the statement within src
	toFile     func(int) int // src offset → file offset
	tokens     []*pg_query.ScanToken
	scanned    bool
	memo       map[any]any
}

// Memo returns the value compute gives for key, computing it once per
// statement: several rules share work such as finding connection strings.
func (s *Stmt) Memo(key any, compute func() any) any {
	if v, ok := s.memo[key]; ok {
		return v
	}
	if s.memo == nil {
		s.memo = map[any]any{}
	}
	v := compute()
	s.memo[key] = v
	return v
}

// Start returns the statement's first location.
func (s *Stmt) Start() int32 { return int32(s.start) }

// Text returns the statement's text as parsed (after preprocessing).
func (s *Stmt) Text() string { return s.src[s.start:s.end] }

// Tokens returns the statement's tokens from pg_query's scanner, with
// locations in the same coordinates as the parse tree's.
func (s *Stmt) Tokens() []*pg_query.ScanToken {
	if !s.scanned {
		s.scanned = true
		if r, err := pg_query.Scan(s.Text()); err == nil {
			s.tokens = r.Tokens
			for _, t := range s.tokens {
				t.Start += int32(s.start)
				t.End += int32(s.start)
			}
		}
	}
	return s.tokens
}

// TokenText returns the source text of a token.
func (s *Stmt) TokenText(t *pg_query.ScanToken) string {
	if t == nil || int(t.Start) < 0 || int(t.End) > len(s.src) || t.Start > t.End {
		return ""
	}
	return s.src[t.Start:t.End]
}

// tokensFrom returns the tokens starting at or after location from.
func (s *Stmt) tokensFrom(from int32) []*pg_query.ScanToken {
	toks := s.Tokens()
	i := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= from })
	return toks[i:]
}

// Keyword returns the location of the first run of tokens at or after from
// whose texts equal words (case-insensitively, identifiers unquoted), or -1.
// It finds clauses the parse tree records without a location, such as ALL in
// GRANT ALL or WITH GRANT OPTION.
func (s *Stmt) Keyword(from int32, words ...string) int32 {
	toks := s.tokensFrom(from)
outer:
	for i, t := range toks {
		if i+len(words) > len(toks) {
			break
		}
		for k, w := range words {
			if !strings.EqualFold(unquoteIdent(s.TokenText(toks[i+k])), w) {
				continue outer
			}
		}
		return t.Start
	}
	return -1
}

// Literal returns the first string constant starting at or after from,
// decoded, or ok=false when there is none or it cannot be decoded.
func (s *Stmt) Literal(from int32) (Literal, bool) {
	for _, t := range s.tokensFrom(from) {
		if t.Token == pg_query.Token_SCONST {
			return DecodeLiteral(s.TokenText(t), int(t.Start))
		}
	}
	return Literal{}, false
}

// LiteralWithValue returns the first string constant at or after from whose
// decoded value is v. The parse tree keeps many strings without a location
// (option values, function bodies); this finds where they were written.
func (s *Stmt) LiteralWithValue(from int32, v string) (Literal, bool) {
	for _, t := range s.tokensFrom(from) {
		if t.Token == pg_query.Token_SCONST {
			if lit, ok := DecodeLiteral(s.TokenText(t), int(t.Start)); ok && lit.Value == v {
				return lit, true
			}
		}
	}
	return Literal{}, false
}

func unquoteIdent(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
	}
	return s
}

// FileOffset maps a location in s's parse tree (or a token location from
// s.Keyword) to a byte offset in the file; loc < 0 means the statement's
// start.
func (s *Stmt) FileOffset(loc int32) int {
	if loc < 0 {
		loc = s.Start()
	}
	return s.toFile(int(loc))
}

// FileSpan returns the statement's first byte in the file and the byte after
// its last.
func (s *Stmt) FileSpan() (start, end int) { return s.toFile(s.start), s.toFile(s.end) }

// Inspect calls fn for every message in the statement's parse tree, in
// depth-first order, descending while fn returns true. The *pg_query.Node
// wrappers are skipped: fn sees the concrete messages (*pg_query.FuncCall,
// ...). The body of a BEGIN ATOMIC function is not entered: its statements
// are statements of their own.
func (s *Stmt) Inspect(fn func(proto.Message) bool) {
	inspect(s.Node.ProtoReflect(), fn)
}

// InspectNode is Inspect for a part of a parse tree: an expression, a
// view's query.
func InspectNode(n *pg_query.Node, fn func(proto.Message) bool) {
	if n != nil {
		inspect(n.ProtoReflect(), fn)
	}
}

func inspect(m protoreflect.Message, fn func(proto.Message) bool) {
	if !m.IsValid() {
		return
	}
	msg := m.Interface()
	if _, wrapper := msg.(*pg_query.Node); !wrapper && !fn(msg) {
		return
	}
	_, isFunc := msg.(*pg_query.CreateFunctionStmt)
	// Range visits only the fields that are set: a Node wrapper has one
	// of some 250, so asking each with Has would dominate the run.
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Kind() != protoreflect.MessageKind || isFunc && fd.Name() == "sql_body" {
			return true
		}
		if fd.IsList() {
			l := v.List()
			for j := 0; j < l.Len(); j++ {
				inspect(l.Get(j).Message(), fn)
			}
			return true
		}
		inspect(v.Message(), fn)
		return true
	})
}
