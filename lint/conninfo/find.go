package conninfo

import "strings"

// Match is a connection string found in free text.
type Match struct {
	// Span is where the connection string is in the text.
	Span Span
	// Info is what it says. Its spans (PasswordSpan, SSLModeSpan,
	// SecretSpans, Params) are offsets into the text given to Find, not
	// into the matched substring.
	Info *Info
	// PgBouncer reports a key=value string that is the whole value of an
	// unquoted ini setting on a line of its own, "mydb = host=db
	// dbname=app": an entry of PgBouncer's [databases] section. PgBouncer,
	// not libpq, reads it and takes no sslmode there (server_tls_sslmode
	// in [pgbouncer] applies to every server connection), so a missing
	// sslmode says nothing; a password in it is still a password.
	PgBouncer bool
}

// Find locates connection strings in free text: a line of a shell script, a
// string literal of any language, a YAML value, a comment. It prefers
// missing a string to reporting prose as one. Matches are in order and do
// not overlap, and every span in them, including those inside Info, is an
// offset into text.
//
// URLs start at "postgres://", "postgresql://", "postgresql+driver://" or
// "jdbc:postgresql:" (any case, not glued to a preceding word) and run to
// white space, a quote (' " `), "<" or ">" (an angle-bracket placeholder
// such as "<password>" is kept), ")", or a "]" that closes no IPv6 bracket;
// trailing ".", "," and ";" are dropped. Template expressions ("${X:-y}",
// "{{ .Password }}", "<%= x %>") are kept whole even when they hold white
// space.
//
// A libpq key=value string is a run of key=value pairs that starts at a
// libpq keyword (see IsKeyword) not glued to a preceding word, "-", "." or
// "$", continues while the next token is another key=value pair (keywords
// libpq does not know are allowed inside a run), and counts only when it
// holds at least two libpq keywords, one of them host, hostaddr, dbname,
// user, password, sslmode or service. A lone "sslmode=disable" in prose is
// therefore no match. Values follow libpq's rules (single quotes with
// backslash escapes), except that an unquoted value also ends at a quote
// character, and a pair whose unquoted value ends in "," or ")" is code (a
// keyword-argument call such as connect(host=h, user=u)), not libpq, and ends
// the run before it. A bare template token inside a run ("%s", "$OPTS")
// stands for further pairs and belongs to the run. A run that is the whole
// value of an unquoted ini setting on its own line is marked PgBouncer.
func Find(text string) []Match {
	urls := findURLs(text)
	kvs := findKV(text, urls)
	if len(kvs) == 0 {
		return urls
	}
	out := make([]Match, 0, len(urls)+len(kvs))
	u, k := 0, 0
	for u < len(urls) || k < len(kvs) {
		if k >= len(kvs) || u < len(urls) && urls[u].Span.Start < kvs[k].Span.Start {
			out = append(out, urls[u])
			u++
		} else {
			out = append(out, kvs[k])
			k++
		}
	}
	return out
}

// isSchemeByte reports whether c can be part of a URL scheme or a word, so
// that a scheme right after it is not the start of a URL ("mypostgres://").
func isSchemeByte(c byte) bool {
	return isAlnum(c) || c == '+' || c == '-' || c == '.' || c == '_'
}

func findURLs(text string) []Match {
	var out []Match
	for i := 0; i < len(text); {
		k := indexFold(text, i, "postgres")
		if k < 0 {
			break
		}
		jdbc := k >= 5 && hasPrefixFold(text[k-5:k], "jdbc:")
		start, body := -1, -1
		if n := urlSchemeLen(text[k:]); n > 0 {
			start, body = k, k+n
			if jdbc && hasPrefixFold(text[k:], "postgresql://") {
				start = k - 5
			}
		} else if jdbc && hasPrefixFold(text[k:], "postgresql:") && k+11 < len(text) &&
			(isIdentByte(text[k+11]) || text[k+11] == '?') {
			start, body = k-5, k+11
		}
		if start < 0 || start > 0 && isSchemeByte(text[start-1]) {
			i = k + 1
			continue
		}
		end := urlEnd(text, body)
		for end > body && strings.IndexByte(".,;", text[end-1]) >= 0 {
			end--
		}
		if info, err := Parse(text[start:end]); err == nil {
			info.shift(start)
			out = append(out, Match{Span: Span{start, end}, Info: info})
		}
		i = max(end, k+1)
	}
	return out
}

// indexFold returns the index of the first match of the lower-case ASCII
// word at or after from in s, ignoring ASCII case, or -1.
func indexFold(s string, from int, word string) int {
	for k := from; k+len(word) <= len(s); k++ {
		if lowerASCII(s[k]) == word[0] && hasPrefixFold(s[k:], word) {
			return k
		}
	}
	return -1
}

// urlEnd returns where a URL whose body starts at s[p] ends.
func urlEnd(s string, p int) int {
	depth := 0
	j := p
	for j < len(s) {
		if t := templateEnd(s, j, len(s)); t > j {
			j = t
			continue
		}
		c := s[j]
		switch {
		case c == '<':
			if t := placeholderEnd(s, j, len(s)); t > j {
				j = t
				continue
			}
			return j
		case isSpace(c) || isQuote(c) || c == '>' || c == ')' || c < 0x20 || c == 0x7f:
			return j
		case c == '\\' && j+1 < len(s) && isQuote(s[j+1]):
			// An escaped quote ends the string literal around the URL
			// ("dsn = \"postgres://...\"" inside JSON or a shell string).
			return j
		case c == '[':
			depth++
		case c == ']':
			if depth == 0 {
				return j
			}
			depth--
		}
		j++
	}
	return j
}

// breaksKeyword reports whether a keyword right after c is part of a longer
// word or flag (my_host=, db.user=, --host=, $user=, a@host=) and not the
// start of a libpq string.
func breaksKeyword(c byte) bool {
	return isIdentByte(c) || c == '.' || c == '-' || c == '$' || c == '@'
}

func findKV(text string, urls []Match) []Match {
	var out []Match
	u := 0
	for i := 0; i < len(text); i++ {
		for u < len(urls) && urls[u].Span.End <= i {
			u++
		}
		if u < len(urls) && urls[u].Span.Start <= i {
			i = urls[u].Span.End - 1
			continue
		}
		if c := text[i]; c < 'a' || c > 'z' || i > 0 && breaksKeyword(text[i-1]) {
			continue
		}
		ke := i
		for ke < len(text) && isIdentByte(text[ke]) {
			ke++
		}
		if !libpqKeywords[text[i:ke]] {
			i = ke - 1
			continue
		}
		limit := len(text)
		if u < len(urls) {
			limit = urls[u].Span.Start
		}
		m, end, ok := scanRun(text, i, limit)
		if ok {
			m.PgBouncer = iniValue(text, i, end)
			out = append(out, m)
		}
		// A run that fails cannot contain a run that succeeds: any run
		// starting at a later pair is a tail of it, with fewer keywords.
		i = max(end, ke) - 1
	}
	return out
}

func isLowerIdent(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] == '_') {
		return false
	}
	for k := 1; k < len(s); k++ {
		if c := s[k]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func skipSpaceTo(s string, i, limit int) int {
	for i < limit && isSpace(s[i]) {
		i++
	}
	return i
}

// scanRun reads the run of key=value pairs starting with the libpq keyword
// at s[i], not reading at or past limit. It returns the match, where the run
// ends, and whether the run is a connection string.
func scanRun(s string, i, limit int) (Match, int, bool) {
	b := newBuilder(KeyValue)
	beforeURL := limit < len(s)
	s = s[:limit]
	known, conn := 0, false
	end := i
	for pos := i; ; {
		if t, ok := bareTemplate(s, pos, limit, true); ok && pos > i {
			b.moreParams(s[pos:t], Span{pos, t})
			end = t
			if end >= limit || !isSpace(s[end]) {
				break
			}
			pos = skipSpaceTo(s, end, limit)
			continue
		}
		ke := pos
		for ke < limit && isIdentByte(s[ke]) {
			ke++
		}
		key := s[pos:ke]
		if !libpqKeywords[key] && !isLowerIdent(key) {
			break
		}
		j := skipSpaceTo(s, ke, limit)
		if j >= limit || s[j] != '=' {
			break
		}
		j = skipSpaceTo(s, j+1, limit)
		v, ok := readValue(s, j, true)
		if !ok || beforeURL && v.next == limit {
			// A value cut short by a URL ("url=postgres://...") is not
			// part of the run; the URL is its own match.
			break
		}
		if quoted := j < limit && s[j] == '\''; !quoted && v.span.End > v.span.Start &&
			strings.IndexByte(",)", s[v.span.End-1]) >= 0 {
			break
		}
		b.param(Param{Key: key, Value: v.val, KeySpan: Span{pos, ke}, ValueSpan: v.span}, s[v.span.Start:v.span.End])
		if libpqKeywords[key] {
			known++
			conn = conn || keyOfConnection[key]
		}
		end = v.next
		if end >= limit || !isSpace(s[end]) {
			break
		}
		pos = skipSpaceTo(s, end, limit)
	}
	if known < 2 || !conn {
		return Match{}, end, false
	}
	return Match{Span: Span{i, end}, Info: b.finish()}, end, true
}

// iniValue reports whether text[a:b] is the whole value of an unquoted ini
// setting on a line of its own: the line holds white space, a name (or a
// double-quoted name), "=", and then text[a:b] and trailing white space.
// A name in capitals (DATABASE_DSN=host=db ...) is an environment
// variable that a libpq client reads, not an ini setting.
func iniValue(text string, a, b int) bool {
	for k := b; k < len(text) && text[k] != '\n'; k++ {
		if !isSpace(text[k]) {
			return false
		}
	}
	j := a - 1
	for j >= 0 && (text[j] == ' ' || text[j] == '\t') {
		j--
	}
	if j < 0 || text[j] != '=' {
		return false
	}
	j--
	for j >= 0 && (text[j] == ' ' || text[j] == '\t') {
		j--
	}
	nameEnd := j + 1
	if j >= 0 && text[j] == '"' {
		j--
		for j >= 0 && text[j] != '"' && text[j] != '\n' {
			j--
		}
		if j < 0 || text[j] != '"' {
			return false
		}
		j--
	} else {
		for j >= 0 && !isSpace(text[j]) && strings.IndexByte("=\"'#;[]", text[j]) < 0 {
			j--
		}
		if j+1 == nameEnd || envName(text[j+1:nameEnd]) {
			return false
		}
	}
	for j >= 0 && text[j] != '\n' {
		if text[j] != ' ' && text[j] != '\t' && text[j] != '\r' {
			return false
		}
		j--
	}
	return true
}

// envName reports whether s is written like an environment variable: upper
// case letters, digits and "_", with at least one letter.
func envName(s string) bool {
	letter := false
	for k := 0; k < len(s); k++ {
		c := s[k]
		switch {
		case 'A' <= c && c <= 'Z':
			letter = true
		case '0' <= c && c <= '9' || c == '_':
		default:
			return false
		}
	}
	return letter
}
