package sqlfront

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/pganalyze/pg_query_go/v5/parser"
)

// maxBodyDepth bounds how deep DO blocks, function bodies and EXECUTE
// literals are followed (an EXECUTE of a DO block that creates a function...).
const maxBodyDepth = 4

// Problem is a part of the text the parser could not read: Offset is where,
// in the preprocessed text (which is the file's offsets), and Msg the
// parser's reason. Msg may quote the text near the error: redact it before
// showing it.
type Problem struct {
	Offset int
	Msg    string
}

// Parsed is what the SQL front end makes of one file.
type Parsed struct {
	Stmts    []*Stmt // top-level statements, each followed by those nested in it
	Problems []Problem
	// migrationOnly leaves function bodies unparsed: what runs when the
	// migration is applied is the top level and DO blocks.
	migrationOnly bool
	// selective parses only the statements of bodies that may matter to a
	// rule (see bodyMayMatter and mayMatter).
	selective bool
}

// Parse parses preprocessed SQL. The whole text is tried first; when it
// fails, the text is split into statements with pg_query's scanner and each
// is parsed alone, so one bad statement costs one parse-error, at its own
// line, and the rest of the file is still checked.
func Parse(pre string) *Parsed {
	return parseInto(&Parsed{}, pre)
}

// ParseMigration is Parse without function bodies: what runs when a
// migration is applied is its top level and its DO blocks, while a
// function's statements run when it is called.
func ParseMigration(pre string) *Parsed {
	return parseInto(&Parsed{migrationOnly: true}, pre)
}

func parseInto(out *Parsed, pre string) *Parsed {
	identity := func(i int) int { return i }
	if res, err := pg_query.Parse(pre); err == nil {
		for _, raw := range res.Stmts {
			start, end := stmtSpan(raw, pre)
			out.add(&Stmt{Node: raw.Stmt, src: pre, start: start, end: end, toFile: identity})
		}
		return out
	}
	pieces, scanErr := splitStatements(pre)
	for _, pc := range pieces {
		out.parsePiece(pre[pc.start:pc.end], pc.start)
	}
	if scanErr != nil {
		out.Problems = append(out.Problems, *scanErr)
	}
	return out
}

func stmtSpan(raw *pg_query.RawStmt, src string) (int, int) {
	start := int(raw.StmtLocation)
	end := start + int(raw.StmtLen)
	if raw.StmtLen == 0 || end > len(src) {
		end = len(src)
	}
	// The parser's statement span includes leading whitespace and comments
	// after the previous semicolon; report from the first real token.
	for start < end {
		rest := src[start:end]
		trimmed := strings.TrimLeft(rest, " \t\r\n\f")
		if strings.HasPrefix(trimmed, "--") {
			if nl := strings.IndexByte(trimmed, '\n'); nl >= 0 {
				start += len(rest) - len(trimmed) + nl + 1
				continue
			}
			start = end
			break
		}
		if strings.HasPrefix(trimmed, "/*") {
			if k := strings.Index(trimmed, "*/"); k >= 0 {
				start += len(rest) - len(trimmed) + k + 2
				continue
			}
		}
		start += len(rest) - len(trimmed)
		break
	}
	return start, end
}

// add appends a statement and everything nested in it.
// parsePiece parses text, a piece of the file starting at byte base: its
// statements, or one problem at the place the parser gives.
func (p *Parsed) parsePiece(text string, base int) {
	res, err := pg_query.Parse(text)
	if err != nil {
		off, msg := parseErrorAt(err, text)
		p.Problems = append(p.Problems, Problem{base + off, msg})
		return
	}
	toFile := func(i int) int { return base + i }
	for _, raw := range res.Stmts {
		start, end := stmtSpan(raw, text)
		p.add(&Stmt{Node: raw.Stmt, src: text, start: start, end: end, toFile: toFile})
	}
}

func (p *Parsed) add(s *Stmt) {
	p.Stmts = append(p.Stmts, s)
	if s.Depth < maxBodyDepth {
		p.expandBodies(s)
	}
}

// parseErrorAt turns a pg_query error into an offset into text and a
// message. The parser counts the cursor position in characters, from 1.
func parseErrorAt(err error, text string) (int, string) {
	var pe *parser.Error
	if !errors.As(err, &pe) {
		return 0, err.Error()
	}
	off := 0
	if pe.Cursorpos > 0 {
		off = charOffset(text, pe.Cursorpos-1)
	}
	return off, pe.Message
}

// charOffset returns the byte offset of the n-th character of s.
func charOffset(s string, n int) int {
	off := 0
	for i := 0; i < n && off < len(s); i++ {
		_, w := utf8.DecodeRuneInString(s[off:])
		off += w
	}
	return off
}

type span struct{ start, end int }

// splitStatements splits text at top-level semicolons using pg_query's
// scanner, keeping BEGIN ATOMIC ... END bodies and parenthesised lists
// (CREATE RULE ... DO (a; b)) whole. Pieces holding only comments are
// dropped. A scanner failure (an unterminated quote) ends the split: the
// part before the failing statement is still returned.
func splitStatements(text string) ([]span, *Problem) {
	res, err := pg_query.Scan(text)
	if err != nil {
		off, msg := parseErrorAt(err, text)
		// Split what precedes the statement the scanner choked on.
		cut := strings.LastIndexByte(text[:off], ';')
		var pieces []span
		if cut > 0 {
			if r, err2 := pg_query.Scan(text[:cut+1]); err2 == nil {
				pieces = splitTokens(r.Tokens, len(text[:cut+1]))
			}
		}
		return pieces, &Problem{off, msg}
	}
	return splitTokens(res.Tokens, len(text)), nil
}

func splitTokens(toks []*pg_query.ScanToken, n int) []span {
	var pieces []span
	start := -1
	parens, atomic := 0, 0
	for i, t := range toks {
		if t.Token == pg_query.Token_SQL_COMMENT || t.Token == pg_query.Token_C_COMMENT {
			continue
		}
		if start < 0 && t.Token != pg_query.Token_ASCII_59 {
			start = int(t.Start)
		}
		switch t.Token {
		case pg_query.Token_ASCII_40:
			parens++
		case pg_query.Token_ASCII_41:
			parens = max(0, parens-1)
		case pg_query.Token_ATOMIC:
			if i > 0 && toks[i-1].Token == pg_query.Token_BEGIN_P {
				atomic++
			}
		case pg_query.Token_CASE:
			if atomic > 0 {
				atomic++
			}
		case pg_query.Token_END_P:
			atomic = max(0, atomic-1)
		case pg_query.Token_ASCII_59:
			if parens == 0 && atomic == 0 && start >= 0 {
				pieces = append(pieces, span{start, int(t.End)})
				start = -1
			}
		}
	}
	if start >= 0 {
		pieces = append(pieces, span{start, n})
	}
	return pieces
}

// expandBodies adds the statements nested in s: the body of a DO block or
// of a PL/pgSQL or SQL function, and the statements they EXECUTE.
func (p *Parsed) expandBodies(s *Stmt) {
	switch n := s.Node.Node.(type) {
	case *pg_query.Node_DoStmt:
		lang, body := "plpgsql", ""
		for _, a := range n.DoStmt.Args {
			d := a.GetDefElem()
			switch {
			case d == nil:
			case d.Defname == "as":
				body = d.Arg.GetString_().GetSval()
			case d.Defname == "language":
				lang = strings.ToLower(d.Arg.GetString_().GetSval())
			}
		}
		if lang != "plpgsql" || body == "" || p.selective && !bodyMayMatter(body) {
			return
		}
		lit, ok := s.LiteralWithValue(s.Start(), body)
		if !ok {
			return
		}
		p.plpgsql(s, lit, "CREATE FUNCTION grantguard_do() RETURNS void LANGUAGE plpgsql AS "+dollarQuote(body))
	case *pg_query.Node_CreateFunctionStmt:
		if p.migrationOnly {
			return
		}
		f := n.CreateFunctionStmt
		if f.SqlBody != nil {
			p.sqlBody(s, f.SqlBody)
			return
		}
		lang, body := "", ""
		for _, o := range f.Options {
			d := o.GetDefElem()
			switch {
			case d == nil:
			case d.Defname == "as":
				if items := d.Arg.GetList().GetItems(); len(items) == 1 {
					body = items[0].GetString_().GetSval()
				}
			case d.Defname == "language":
				lang = strings.ToLower(d.Arg.GetString_().GetSval())
			}
		}
		if body == "" || lang != "sql" && lang != "plpgsql" {
			return
		}
		// A SQL body is checked by PostgreSQL when the function is
		// created, so its parse errors are reported: it is always read.
		if lang == "plpgsql" && p.selective && !bodyMayMatter(body) {
			return
		}
		lit, ok := s.LiteralWithValue(s.Start(), body)
		if !ok {
			return
		}
		switch lang {
		case "plpgsql":
			// The real statement, so RETURNS, OUT parameters and SETOF
			// are what the PL/pgSQL compiler expects.
			p.plpgsql(s, lit, s.Text())
		case "sql":
			p.nestedSQL(s, lit, true)
		}
	}
}

// sqlBody adds the statements of a BEGIN ATOMIC body, which the parser has
// already parsed in place.
func (p *Parsed) sqlBody(s *Stmt, n *pg_query.Node) {
	if l := n.GetList(); l != nil {
		for _, it := range l.Items {
			p.sqlBody(s, it)
		}
		return
	}
	if n.Node == nil {
		return
	}
	p.add(&Stmt{Node: n, Depth: s.Depth + 1, src: s.src, start: s.start, end: s.end, toFile: s.toFile})
}

// nestedSQL parses the value of lit (in s's coordinates) as SQL statements.
// Parse failures are reported when report is set (a SQL function body is
// checked by PostgreSQL at CREATE time) and ignored otherwise (an EXECUTE'd
// string may be a fragment completed at run time).
func (p *Parsed) nestedSQL(s *Stmt, lit Literal, report bool) {
	toFile := func(i int) int { return s.toFile(lit.At(i)) }
	body := identStandIns(lit.Value)
	if p.selective && p.nestedSelective(s, body, toFile) {
		return
	}
	res, err := pg_query.Parse(body)
	if err != nil {
		if report {
			off, msg := parseErrorAt(err, body)
			p.Problems = append(p.Problems, Problem{toFile(off), msg})
		}
		return
	}
	for _, raw := range res.Stmts {
		start, end := stmtSpan(raw, body)
		p.add(&Stmt{Node: raw.Stmt, Depth: s.Depth + 1, src: body, start: start, end: end, toFile: toFile})
	}
}

// nestedSelective is nestedSQL's selective path: body is split by the raw
// parser and only the statements that may matter are parsed, each alone.
// It adds nothing and returns false when the full path must decide (the
// body does not parse, or a statement does not parse alone).
func (p *Parsed) nestedSelective(s *Stmt, body string, toFile func(int) int) bool {
	if !utf8.ValidString(body) {
		return false
	}
	sts, err := parser.SplitWithParser(body, false)
	if err != nil {
		return false
	}
	var keep []*Stmt
	for _, st := range sts {
		if st == "" || !mayMatter(st) {
			continue
		}
		base := offsetIn(body, st)
		if base < 0 {
			return false
		}
		res, err := pg_query.Parse(st)
		if err != nil || len(res.Stmts) != 1 {
			return false
		}
		start, end := stmtSpan(res.Stmts[0], st)
		keep = append(keep, &Stmt{Node: res.Stmts[0].Stmt, Depth: s.Depth + 1, src: st, start: start, end: end,
			toFile: func(i int) int { return toFile(base + i) }})
	}
	for _, n := range keep {
		p.add(n)
	}
	return true
}

func dollarQuote(body string) string {
	tag := "$gg$"
	for i := 0; strings.Contains(body, tag); i++ {
		tag = fmt.Sprintf("$gg%d$", i)
	}
	return tag + body + tag
}

// plpgsqlExpr is one SQL statement or expression of a PL/pgSQL body.
type plpgsqlExpr struct {
	query  string
	mode   int // 0: a statement; otherwise an expression
	lineno int
	kind   string // the PL/pgSQL statement it belongs to, e.g. PLpgSQL_stmt_dynexecute
}

// plpgsql adds the statements of a PL/pgSQL body given as lit; fn is a
// CREATE FUNCTION statement holding the body, for the PL/pgSQL parser.
func (p *Parsed) plpgsql(s *Stmt, lit Literal, fn string) {
	js, err := pg_query.ParsePlPgSqlToJSON(fn)
	if err != nil {
		// pg_query's PL/pgSQL compiler rejects some valid bodies (unnamed
		// parameters behind ALIAS FOR $1, RETURNS TABLE with a bare RETURN
		// NEXT, cursor declarations), so a failure is not reported: the
		// static statements of the body are found by the scanner instead.
		p.plpgsqlByScanner(s, lit)
		return
	}
	var tree any
	if json.Unmarshal([]byte(js), &tree) != nil {
		return
	}
	var exprs []plpgsqlExpr
	collectPlpgsql(tree, 0, "", &exprs)
	sort.SliceStable(exprs, func(i, j int) bool { return exprs[i].lineno < exprs[j].lineno })
	body := lit.Value
	lineStarts := []int{0}
	for i := 0; i < len(body); i++ {
		if body[i] == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	for _, e := range exprs {
		needle, prefix := e.query, ""
		if e.mode != 0 {
			prefix = "SELECT "
		} else if e.kind == "PLpgSQL_stmt_perform" && strings.HasPrefix(needle, "SELECT ") {
			// PERFORM f(x) reaches us as "SELECT f(x)".
			needle, prefix = needle[len("SELECT "):], "SELECT "
		}
		from := 0
		if e.lineno >= 1 && e.lineno <= len(lineStarts) {
			from = lineStarts[e.lineno-1]
		}
		pos := strings.Index(body[from:], needle)
		if pos >= 0 {
			pos += from
		} else if pos = strings.Index(body, needle); pos < 0 {
			continue
		}
		text := prefix + needle
		at := pos
		toFile := func(i int) int {
			i -= len(prefix)
			return s.toFile(lit.At(at + max(i, 0)))
		}
		text = identStandIns(text)
		if p.selective && e.kind != "PLpgSQL_stmt_dynexecute" && !mayMatter(text) {
			continue
		}
		res, err := pg_query.Parse(text)
		if err != nil || len(res.Stmts) == 0 {
			continue // PL/pgSQL-only syntax (INTO targets, cursors)
		}
		for _, raw := range res.Stmts {
			start, end := stmtSpan(raw, text)
			n := &Stmt{Node: raw.Stmt, Depth: s.Depth + 1, src: text, start: start, end: end, toFile: toFile}
			p.add(n)
			if e.kind == "PLpgSQL_stmt_dynexecute" && n.Depth < maxBodyDepth {
				p.executeLiteral(n)
			}
		}
	}
}

// executeLiteral follows EXECUTE '<literal>': the wrapper statement n is
// "SELECT <expr>", and when expr is a single string constant its value is
// parsed as SQL.
func (p *Parsed) executeLiteral(n *Stmt) {
	sel := n.Node.GetSelectStmt()
	if sel == nil || len(sel.TargetList) != 1 {
		return
	}
	c := sel.TargetList[0].GetResTarget().GetVal().GetAConst()
	if c == nil || c.GetSval() == nil {
		return
	}
	lit, ok := n.Literal(c.Location)
	if !ok || lit.Value != c.GetSval().Sval {
		return
	}
	p.nestedSQL(n, lit, false)
}

// collectPlpgsql walks the PL/pgSQL parse tree (as JSON) and collects every
// PLpgSQL_expr with the line number of the statement it belongs to.
func collectPlpgsql(v any, lineno int, kind string, out *[]plpgsqlExpr) {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			collectPlpgsql(e, lineno, kind, out)
		}
	case map[string]any:
		if l, ok := x["lineno"].(float64); ok {
			lineno = int(l)
		}
		for k, e := range x {
			if k == "PLpgSQL_expr" {
				if m, ok := e.(map[string]any); ok {
					q, _ := m["query"].(string)
					mode, _ := m["parseMode"].(float64)
					if q != "" {
						*out = append(*out, plpgsqlExpr{query: q, mode: int(mode), lineno: lineno, kind: kind})
					}
				}
				continue
			}
			k2 := kind
			if strings.HasPrefix(k, "PLpgSQL_stmt_") {
				k2 = k
				if m, ok := e.(map[string]any); ok {
					if l, ok := m["lineno"].(float64); ok {
						collectPlpgsql(e, int(l), k2, out)
						continue
					}
				}
			}
			collectPlpgsql(e, lineno, k2, out)
		}
	}
}

// stmtKeywords start the static SQL statements looked for in a body the
// PL/pgSQL parser could not read.
var stmtKeywords = map[pg_query.Token]bool{
	pg_query.Token_CREATE: true, pg_query.Token_ALTER: true, pg_query.Token_GRANT: true,
	pg_query.Token_REVOKE: true, pg_query.Token_SET: true, pg_query.Token_SELECT: true,
	pg_query.Token_DO: true, pg_query.Token_INSERT: true, pg_query.Token_UPDATE: true,
}

// plpgsqlByScanner finds statements in a PL/pgSQL body by its tokens: in
// each semicolon-terminated piece, the text from the first token that can
// start a SQL statement is parsed; PERFORM is read as SELECT and EXECUTE of
// a string constant is followed.
func (p *Parsed) plpgsqlByScanner(s *Stmt, lit Literal) {
	body := lit.Value
	res, err := pg_query.Scan(body)
	if err != nil {
		return
	}
	toks := res.Tokens
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && toks[j].Token != pg_query.Token_ASCII_59 {
			j++
		}
		end := len(body)
		if j < len(toks) {
			end = int(toks[j].Start)
		}
		for k := i; k < j; k++ {
			t := toks[k]
			word := strings.ToUpper(body[t.Start:t.End])
			if !stmtKeywords[t.Token] && word != "PERFORM" && word != "EXECUTE" {
				continue
			}
			start := int(t.Start)
			text := body[start:end]
			switch word {
			case "PERFORM":
				text = "SELECT " + text[len("PERFORM"):]
			case "EXECUTE":
				text = "SELECT " + text[len("EXECUTE"):]
			}
			if p.selective && word != "EXECUTE" && utf8.ValidString(text) && !mayMatter(text) {
				// Not parsed, but the search for this piece's statement
				// ends here exactly when the parser would accept it.
				if sts, err := parser.SplitWithParser(text, false); err == nil && len(sts) == 1 {
					break
				}
				continue
			}
			toFile := func(i int) int { return s.toFile(lit.At(start + i)) }
			r, err := pg_query.Parse(text)
			if err != nil || len(r.Stmts) != 1 {
				continue
			}
			st, en := stmtSpan(r.Stmts[0], text)
			n := &Stmt{Node: r.Stmts[0].Stmt, Depth: s.Depth + 1, src: text, start: st, end: en, toFile: toFile}
			p.add(n)
			if word == "EXECUTE" && n.Depth < maxBodyDepth {
				p.executeLiteral(n)
			}
			break
		}
		i = j + 1
	}
}
