package hba

import "sort"

// token is one list element of a field.
type token struct {
	val    string
	quoted bool // began with a double quote
	span   Span
	comma  bool // ended by an unquoted comma: the list goes on
}

func (t token) field() Field { return Field{Value: t.val, Quoted: t.quoted, Span: t.span} }

// lexer splits a logical line into fields, following next_token and
// next_field_expand in hba.c.
type lexer struct {
	line      *logicalLine
	i         int // index into line.text
	openQuote int // file offset of a quote left open at the end of the line, or -1
}

// isBlank is pg_isblank: the server also takes "\r" for a blank.
func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

// field reads one field: a comma-separated list of tokens. It returns nil
// at the end of the line or at a comment.
func (lx *lexer) field() []token {
	var f []token
	for {
		t, ok := lx.token()
		if !ok {
			return f
		}
		f = append(f, t)
		if !t.comma {
			return f
		}
	}
}

// token reads the next token, skipping blanks and commas before it. A
// comma after a token is left for the next call, which skips it.
func (lx *lexer) token() (token, bool) {
	text, pos := lx.line.text, lx.line.pos
	i := lx.i
	for i < len(text) && (isBlank(text[i]) || text[i] == ',') {
		i++
	}
	start := i
	var (
		t                           token
		buf                         []byte
		inQuote, wasQuote, sawQuote bool
		quoteAt                     int
	)
	for i < len(text) && (!isBlank(text[i]) || inQuote) {
		c := text[i]
		if c == '#' && !inQuote {
			lx.i = len(text)
			return lx.finish(t, buf, sawQuote, start, i)
		}
		if c == ',' && !inQuote {
			t.comma = true
			break
		}
		if c != '"' || wasQuote {
			buf = append(buf, c)
		}
		// Inside quotes, "" stands for one quote.
		wasQuote = inQuote && c == '"' && !wasQuote
		if c == '"' {
			inQuote = !inQuote
			sawQuote = true
			if len(buf) == 0 {
				t.quoted = true
			}
			if inQuote {
				quoteAt = pos[i]
			}
		}
		i++
	}
	if inQuote {
		lx.openQuote = quoteAt
	}
	lx.i = i
	return lx.finish(t, buf, sawQuote, start, i)
}

// finish completes a token that covers text[start:end].
func (lx *lexer) finish(t token, buf []byte, sawQuote bool, start, end int) (token, bool) {
	if end == start {
		return t, false
	}
	t.val = string(buf)
	t.span = Span{lx.line.pos[start], lx.line.pos[end-1] + 1}
	return t, sawQuote || len(buf) > 0
}

// lines maps byte offsets to 1-based line numbers.
type lines []int // offset of each line's first byte

func newLines(src []byte) lines {
	ls := lines{0}
	for i, c := range src {
		if c == '\n' {
			ls = append(ls, i+1)
		}
	}
	return ls
}

func (ls lines) line(off int) int {
	return sort.Search(len(ls), func(i int) bool { return ls[i] > off })
}
