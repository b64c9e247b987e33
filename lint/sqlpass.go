package lint

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// SQLPass is handed to a rule's SQL check, once per statement.
type SQLPass struct {
	Reporter
	File   *File
	Config *Config
}

// Report reports a finding at loc, a location in s's parse tree (or a token
// location from s.Keyword); loc < 0 means the statement's start.
func (p *SQLPass) Report(s *Stmt, loc int32, format string, args ...any) {
	p.ReportSeverity(s, loc, 0, format, args...)
}

// ReportSeverity is Report with a severity other than the rule's default.
func (p *SQLPass) ReportSeverity(s *Stmt, loc int32, sev Severity, format string, args ...any) {
	if loc < 0 {
		loc = s.Start()
	}
	p.ReportRange(s.toFile(int(loc)), -1, sev, format, args...)
}

// ReportLiteral reports a finding spanning a string literal's content, from
// value offset a to b.
func (p *SQLPass) ReportLiteral(s *Stmt, lit Literal, a, b int, format string, args ...any) {
	p.ReportRange(s.toFile(lit.At(a)), s.toFile(lit.At(b)), 0, format, args...)
}

// Secret marks value bytes [a, b) of lit as a secret to redact.
func (p *SQLPass) Secret(s *Stmt, lit Literal, a, b int) {
	p.SecretRange(s.toFile(lit.At(a)), s.toFile(lit.At(b)))
}

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
