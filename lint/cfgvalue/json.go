package cfgvalue

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// ParseJSON returns the scalars of a JSON document (RFC 8259) in document
// order. It accepts exactly what encoding/json accepts, plus a leading
// UTF-8 byte-order mark; strings decode as encoding/json decodes them
// (invalid UTF-8 and unpaired surrogates become U+FFFD). Duplicate keys are
// all reported, as written. A syntax error returns no values and an *Error
// at the offending byte.
func ParseJSON(src []byte) (vals []Value, err error) {
	defer recoverParse(src, &vals, &err)
	p := &jsonParser{b: newBuilder(src), src: src}
	if bytes.HasPrefix(src, []byte(bom)) {
		p.i = len(bom)
	}
	p.skipSpace()
	p.value("", -1, -1)
	p.skipSpace()
	if p.i < len(src) {
		p.failHere("after top-level value")
	}
	return p.b.vals, nil
}

// jsonParser is a recursive-descent JSON scanner: it reports exact offsets,
// which encoding/json's Decoder does not give for the start of a token, and
// runs in one pass.
type jsonParser struct {
	b   *builder
	src []byte
	i   int
}

func (p *jsonParser) skipSpace() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// failHere reports the byte at p.i as unexpected in context.
func (p *jsonParser) failHere(context string) {
	if p.i >= len(p.src) {
		p.b.fail(p.i, "unexpected end of input "+context)
	}
	r, _ := utf8.DecodeRune(p.src[p.i:])
	p.b.fail(p.i, fmt.Sprintf("unexpected %q %s", r, context))
}

// value parses one value at p.i under key (whose span is ks, ke).
func (p *jsonParser) value(key string, ks, ke int) {
	if p.i >= len(p.src) {
		p.failHere("looking for a value")
	}
	start := p.i
	switch c := p.src[p.i]; {
	case c == '{':
		p.object(start)
	case c == '[':
		p.array(start, key, ks, ke)
	case c == '"':
		text, tm := p.str()
		p.b.add(scalar{key: key, keyStart: ks, keyEnd: ke, text: text, kind: String, start: start + 1, end: p.i - 1, textMap: tm})
	case c == '-' || c >= '0' && c <= '9':
		p.number()
		p.b.add(scalar{key: key, keyStart: ks, keyEnd: ke, text: string(p.src[start:p.i]), kind: Number, start: start, end: p.i})
	case c == 't':
		p.literal("true", key, ks, ke, Bool)
	case c == 'f':
		p.literal("false", key, ks, ke, Bool)
	case c == 'n':
		p.literal("null", key, ks, ke, Null)
	default:
		p.failHere("looking for a value")
	}
}

func (p *jsonParser) literal(word, key string, ks, ke int, kind Kind) {
	start := p.i
	for j := 0; j < len(word); j++ {
		if p.i >= len(p.src) || p.src[p.i] != word[j] {
			p.failHere("in literal " + word)
		}
		p.i++
	}
	p.b.add(scalar{key: key, keyStart: ks, keyEnd: ke, text: word, kind: kind, start: start, end: p.i})
}

func (p *jsonParser) object(start int) {
	p.i++ // {
	p.skipSpace()
	if p.i < len(p.src) && p.src[p.i] == '}' {
		p.i++
		return
	}
	for {
		if p.i >= len(p.src) || p.src[p.i] != '"' {
			p.failHere("looking for an object key")
		}
		ks := p.i + 1
		key, _ := p.str()
		ke := p.i - 1
		p.skipSpace()
		if p.i >= len(p.src) || p.src[p.i] != ':' {
			p.failHere("after object key")
		}
		p.i++
		p.skipSpace()
		p.b.push(key, start)
		p.value(key, ks, ke)
		p.b.pop()
		if !p.more('}', "after object value, expecting ',' or '}'") {
			return
		}
	}
}

func (p *jsonParser) array(start int, key string, ks, ke int) {
	p.i++ // [
	p.skipSpace()
	if p.i < len(p.src) && p.src[p.i] == ']' {
		p.i++
		return
	}
	for n := 0; ; n++ {
		p.b.push(indexName(n), start)
		p.value(key, ks, ke)
		p.b.pop()
		if !p.more(']', "after array element, expecting ',' or ']'") {
			return
		}
	}
}

// more reads what follows a member of an object or array: a comma (true:
// another member comes) or the closing byte (false); anything else fails
// with msg.
func (p *jsonParser) more(closing byte, msg string) bool {
	p.skipSpace()
	if p.i < len(p.src) && p.src[p.i] == ',' {
		p.i++
		p.skipSpace()
		return true
	}
	if p.i < len(p.src) && p.src[p.i] == closing {
		p.i++
		return false
	}
	p.failHere(msg)
	return false
}

// number scans a number at p.i, following RFC 8259's grammar.
func (p *jsonParser) number() {
	digits := func() int {
		n := 0
		for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.src[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(p.src) && p.src[p.i] == '0':
		p.i++
	case digits() == 0:
		p.failHere("in number")
	}
	if p.i < len(p.src) && p.src[p.i] == '.' {
		p.i++
		if digits() == 0 {
			p.failHere("after decimal point in number")
		}
	}
	if p.i < len(p.src) && (p.src[p.i] == 'e' || p.src[p.i] == 'E') {
		p.i++
		if p.i < len(p.src) && (p.src[p.i] == '+' || p.src[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			p.failHere("in exponent of number")
		}
	}
}

// str scans the string whose opening quote is at p.i, leaves p.i after the
// closing quote and returns the decoded string, with the trace of where its
// bytes come from when it is not the source byte for byte.
func (p *jsonParser) str() (string, textMap) {
	p.i++
	start := p.i
	// Fast path: no escapes, no control characters, valid UTF-8.
	for p.i < len(p.src) {
		c := p.src[p.i]
		if c == '"' {
			p.i++
			return string(p.src[start : p.i-1]), nil
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
		p.i++
	}
	var sb strings.Builder
	var tm textMap
	sb.Write(p.src[start:p.i])
	tm.copy(0, start, p.i-start)
	for {
		if p.i >= len(p.src) {
			p.failHere("in string literal")
		}
		c := p.src[p.i]
		at, from := sb.Len(), p.i
		switch {
		case c == '"':
			p.i++
			return sb.String(), tm
		case c < 0x20:
			p.failHere("in string literal (control characters must be escaped)")
		case c == '\\':
			p.escape(&sb)
			tm.decoded(at, sb.Len()-at, from, p.i-from)
		case c < utf8.RuneSelf:
			sb.WriteByte(c)
			p.i++
			tm.copy(at, from, 1)
		default:
			r, size := utf8.DecodeRune(p.src[p.i:])
			sb.WriteRune(r) // an invalid byte is written as U+FFFD, like encoding/json
			p.i += size
			if r == utf8.RuneError && size == 1 {
				tm.decoded(at, sb.Len()-at, from, size)
			} else {
				tm.copy(at, from, size)
			}
		}
	}
}

// escape decodes the escape sequence at p.i into sb.
func (p *jsonParser) escape(sb *strings.Builder) {
	p.i++ // backslash
	if p.i >= len(p.src) {
		p.failHere("in string escape")
	}
	c := p.src[p.i]
	if r, ok := jsonEscapes[c]; ok {
		sb.WriteByte(r)
		p.i++
		return
	}
	if c != 'u' {
		p.failHere("in string escape code")
	}
	r := p.hex4()
	if utf16.IsSurrogate(r) {
		// A valid pair is one rune; anything else is U+FFFD and leaves the
		// second escape to be decoded on its own, as encoding/json does.
		save := p.i
		if p.i+1 < len(p.src) && p.src[p.i] == '\\' && p.src[p.i+1] == 'u' {
			p.i++
			if r2, ok := p.tryHex4(); ok {
				if dec := utf16.DecodeRune(r, r2); dec != unicode.ReplacementChar {
					sb.WriteRune(dec)
					return
				}
			}
		}
		p.i = save
		r = unicode.ReplacementChar
	}
	sb.WriteRune(r)
}

var jsonEscapes = map[byte]byte{
	'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t',
}

// hex4 decodes the four hex digits after the "u" at p.i.
func (p *jsonParser) hex4() rune {
	r, ok := p.tryHex4()
	if !ok {
		p.failHere("in \\u hexadecimal character escape")
	}
	return r
}

// tryHex4 decodes "u" and four hex digits at p.i, moving past them only on
// success; on failure p.i is at the offending byte.
func (p *jsonParser) tryHex4() (rune, bool) {
	p.i++ // u
	var r rune
	for range 4 {
		if p.i >= len(p.src) {
			return 0, false
		}
		c := p.src[p.i]
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
		p.i++
	}
	return r, true
}
