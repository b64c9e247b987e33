package sqlfront

import (
	"github.com/grantguard/grantguard/lint/conninfo"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/pganalyze/pg_query_go/v5/parser"
)

// Selective parsing.
//
// Most statements of a migration tree (CREATE TABLE, CREATE INDEX, INSERT,
// UPDATE, views, COPY) can never produce a finding, yet a full pg_query.Parse
// of them is the largest cost of a run: the C parser is fast, but turning
// its tree into protobuf and back into Go values is not. The selective path
// therefore
//
//  1. runs pg_query's raw parser over the whole file without building a Go
//     tree (parser.SplitWithParser): this tells whether the file parses —
//     with the same error, from the same parser, as Parse — and gives each
//     statement's span, exactly the spans Parse reports;
//  2. looks at each statement's text (mayMatter) and fully parses only
//     those a SQL rule can act on, each alone with its offsets mapped back
//     to the file.
//
// Parse errors stay identical to Parse's: a file that parses has none,
// and for a file that does not, every piece the scanner splits off is
// either parsed (when it may matter) or checked by the raw parser alone,
// whose error is the one Parse would give. TestSelectiveParseSameFindings
// runs both paths over every SQL corpus of the repository.

// ParseSelective is Parse with only the statements that may matter to
// a rule parsed (see mayMatter); the statements it returns, their nested
// statements and the problems are those Parse would return for them.
func ParseSelective(pre string) *Parsed {
	if !utf8.ValidString(pre) {
		// Parse fails on invalid UTF-8 in Go, decoding the tree, where the
		// raw parser sees no error. Files are checked for UTF-8 before they
		// get here; other callers get the reference path.
		return Parse(pre)
	}
	stmts, err := parser.SplitWithParser(pre, false)
	if err != nil {
		return parseSelectivePieces(pre)
	}
	out := &Parsed{selective: true}
	for _, st := range stmts {
		if st == "" || !mayMatter(st) {
			continue
		}
		base := offsetIn(pre, st)
		if base < 0 {
			return Parse(pre)
		}
		res, err := pg_query.Parse(st)
		if err != nil || len(res.Stmts) != 1 {
			// A statement that parsed in its file but not alone would be a
			// pg_query quirk; the reference path is always right.
			return Parse(pre)
		}
		start, end := stmtSpan(res.Stmts[0], st)
		out.add(&Stmt{Node: res.Stmts[0].Stmt, src: st, start: start, end: end, toFile: func(i int) int { return base + i }})
	}
	return out
}

// ParseMigrationForModel is ParseMigration without the top-level
// statements that can change no role, object, privilege, owner, policy or
// setting (see inertForModel): what the history replays need, which parse
// every file of a tree. A file that does not parse whole gets
// ParseMigration, so that its problems are the same; so does one whose
// statements do not parse alone as they do in the file.
func ParseMigrationForModel(pre string) *Parsed {
	if !utf8.ValidString(pre) {
		return ParseMigration(pre)
	}
	stmts, err := parser.SplitWithParser(pre, false)
	if err != nil {
		return ParseMigration(pre)
	}
	out := &Parsed{migrationOnly: true}
	for _, st := range stmts {
		if st == "" || inertForModel(st) {
			continue
		}
		base := offsetIn(pre, st)
		if base < 0 {
			return ParseMigration(pre)
		}
		res, err := pg_query.Parse(st)
		if err != nil || len(res.Stmts) != 1 {
			return ParseMigration(pre)
		}
		start, end := stmtSpan(res.Stmts[0], st)
		out.add(&Stmt{Node: res.Stmts[0].Stmt, src: st, start: start, end: end, toFile: func(i int) int { return base + i }})
	}
	return out
}

// inertForModel reports whether a statement, by its leading keywords, only
// reads or writes rows, builds an index, comments or maintains: INSERT,
// UPDATE, DELETE, MERGE, COPY, TRUNCATE, CREATE [UNIQUE] INDEX, COMMENT,
// ANALYZE, VACUUM, REINDEX, CLUSTER, REFRESH, LOCK, CHECKPOINT, LISTEN,
// NOTIFY, UNLISTEN. SELECT is not among them (SELECT INTO creates a
// table), nor is WITH.
func inertForModel(text string) bool {
	var words [3]string
	n := leadingWords(text, words[:])
	if n == 0 {
		return false
	}
	switch words[0] {
	case "INSERT", "UPDATE", "DELETE", "MERGE", "COPY", "TRUNCATE", "COMMENT", "ANALYZE", "ANALYSE",
		"VACUUM", "REINDEX", "CLUSTER", "REFRESH", "LOCK", "CHECKPOINT", "LISTEN", "NOTIFY", "UNLISTEN":
		return true
	case "CREATE":
		return n >= 2 && words[1] == "INDEX" || n >= 3 && words[1] == "UNIQUE" && words[2] == "INDEX"
	}
	return false
}

// parseSelectivePieces is Parse's fallback for a file that does not
// parse, with pieces that cannot matter only checked by the raw parser.
func parseSelectivePieces(pre string) *Parsed {
	out := &Parsed{selective: true}
	pieces, scanErr := splitStatements(pre)
	for _, pc := range pieces {
		text := pre[pc.start:pc.end]
		base := pc.start
		if !mayMatter(text) {
			sts, err := parser.SplitWithParser(text, false)
			if err != nil {
				off, msg := parseErrorAt(err, text)
				out.Problems = append(out.Problems, Problem{base + off, msg})
				continue
			}
			if len(sts) <= 1 {
				continue
			}
			// More than one statement in a piece: the first one's text said
			// nothing about the others, so parse them all.
		}
		out.parsePiece(text, base)
	}
	if scanErr != nil {
		out.Problems = append(out.Problems, *scanErr)
	}
	return out
}

// offsetIn returns where sub, a substring of s sharing its memory (as
// SplitWithParser returns them), starts in s, or -1.
func offsetIn(s, sub string) int {
	if len(sub) == 0 || len(s) == 0 {
		return -1
	}
	off := int(uintptr(unsafe.Pointer(unsafe.StringData(sub))) - uintptr(unsafe.Pointer(unsafe.StringData(s))))
	if off < 0 || off+len(sub) > len(s) || s[off:off+len(sub)] != sub {
		return -1
	}
	return off
}

// mayMatter reports whether a SQL rule can act on the statement text: every
// statement whose parse tree holds a node a rule inspects must be selected;
// selecting more only costs time. The rules look at
//
//   - role statements, GRANT/REVOKE (also as a CREATE SCHEMA element),
//     ALTER DEFAULT PRIVILEGES, ALTER SYSTEM, SET, ALTER ROLE/DATABASE ...
//     SET, functions and procedures (SECURITY DEFINER, SET clauses, bodies),
//     DO blocks (bodies), foreign servers and user mappings: found by the
//     statement's leading keywords;
//   - calls of dblink* and set_config anywhere: found by name;
//   - string constants holding a connection string ("=" or "://" in the
//     value) anywhere: found by the scanner's SCONST tokens, decoded.
func mayMatter(text string) bool {
	var words [4]string
	n := leadingWords(text, words[:])
	if n > 0 {
		switch words[0] {
		case "GRANT", "REVOKE", "DO", "SET", "RESET":
			return true
		case "CREATE", "ALTER":
			w := words[1:n]
			if len(w) >= 2 && w[0] == "OR" && w[1] == "REPLACE" {
				w = w[2:]
			}
			if len(w) > 0 && leadingObject[words[0]][w[0]] {
				return true
			}
		}
	}
	if containsFold(text, "dblink") || containsFold(text, "set_config") {
		return true
	}
	return mayHoldConnString(text)
}

// leadingObject is, for CREATE and ALTER, the object kinds a rule looks at.
var leadingObject = map[string]map[string]bool{
	"CREATE": {"ROLE": true, "USER": true, "GROUP": true, "FUNCTION": true, "PROCEDURE": true,
		"SERVER": true, "SCHEMA": true},
	"ALTER": {"ROLE": true, "USER": true, "GROUP": true, "DEFAULT": true, "SYSTEM": true,
		"DATABASE": true, "FUNCTION": true, "PROCEDURE": true, "ROUTINE": true, "SERVER": true},
}

// leadingWords fills words with the first keywords of text, upper-cased,
// skipping whitespace and comments, and returns how many it found. It stops
// at the first token that is not a bare word.
func leadingWords(text string, words []string) int {
	n, i := 0, 0
	for n < len(words) && i < len(text) {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case strings.HasPrefix(text[i:], "--"):
			nl := strings.IndexByte(text[i:], '\n')
			if nl < 0 {
				return n
			}
			i += nl + 1
		case strings.HasPrefix(text[i:], "/*"):
			depth := 0
			for i < len(text) {
				if strings.HasPrefix(text[i:], "/*") {
					depth++
					i += 2
				} else if strings.HasPrefix(text[i:], "*/") {
					depth--
					i += 2
					if depth == 0 {
						break
					}
				} else {
					i++
				}
			}
		case isWordByte(c):
			j := i
			for j < len(text) && (isWordByte(text[j]) || text[j] >= '0' && text[j] <= '9' || text[j] == '$') {
				j++
			}
			words[n] = strings.ToUpper(text[i:j])
			n++
			i = j
		default:
			return n
		}
	}
	return n
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

// containsFold reports whether s contains the lower-case ASCII word w in
// any case, without allocating.
func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i]|0x20 != w[0] {
			continue
		}
		if strings.EqualFold(s[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

// plainStrings returns the values of the string constants of a statement
// in the one case where finding them needs no SQL scanner: no comment, no
// quoted identifier, no dollar quote, no backslash (so no E” escapes and
// no U& escapes), only '...' strings with ” for a quote, none continued
// on the next line. plain is false otherwise, and the caller asks the
// scanner.
func plainStrings(text string) (plain bool, values []string) {
	if strings.ContainsAny(text, "\"$\\") || strings.Contains(text, "--") || strings.Contains(text, "/*") || containsFold(text, "u&") {
		return false, nil
	}
	for i := 0; i < len(text); i++ {
		if text[i] != '\'' {
			continue
		}
		// B'', X'', E'', N'' and the like: a prefix changes the rules.
		if i > 0 && (text[i-1] == '_' || text[i-1] >= 0x80 || unicode.IsLetter(rune(text[i-1])) || unicode.IsDigit(rune(text[i-1]))) {
			return false, nil
		}
		var b strings.Builder
		j := i + 1
		for ; j < len(text); j++ {
			if text[j] != '\'' {
				b.WriteByte(text[j])
				continue
			}
			if j+1 < len(text) && text[j+1] == '\'' {
				b.WriteByte('\'')
				j++
				continue
			}
			break
		}
		if j >= len(text) {
			return false, nil // unterminated: let the scanner say
		}
		// 'a'<newline>'b' is one constant, "ab": let the scanner join them.
		k := j + 1
		for k < len(text) && strings.IndexByte(" \t\n\r\f\v", text[k]) >= 0 {
			k++
		}
		if k < len(text) && text[k] == '\'' {
			return false, nil
		}
		values = append(values, b.String())
		i = j
	}
	return true, values
}

// mayHoldConnString reports whether a string constant of text could hold a
// connection string. The byte test is a cheap superset (no quote, or
// nothing that a connection string or an escape could be made of, means
// no); the scanner and conninfo.Find, which the rules use, decide the rest.
func mayHoldConnString(text string) bool {
	if !strings.ContainsAny(text, "'$") {
		return false
	}
	if !strings.ContainsAny(text, "=\\") && !strings.Contains(text, "://") && !containsFold(text, "u&") {
		return false
	}
	if plain, found := plainStrings(text); plain {
		for _, v := range found {
			if (strings.Contains(v, "=") || strings.Contains(v, "://")) && len(conninfo.Find(v)) > 0 {
				return true
			}
		}
		return false
	}
	res, err := pg_query.Scan(text)
	if err != nil {
		return true
	}
	for _, t := range res.Tokens {
		switch t.Token {
		case pg_query.Token_USCONST:
			return true
		case pg_query.Token_SCONST:
			lit, ok := DecodeLiteral(text[t.Start:t.End], int(t.Start))
			if !ok {
				return true
			}
			// The rules look for connection strings with conninfo.Find
			// in every string constant holding = or ://: ask it here,
			// which is much cheaper than parsing a data-heavy statement
			// full of URLs and key=value text.
			if (strings.Contains(lit.Value, "=") || strings.Contains(lit.Value, "://")) && len(conninfo.Find(lit.Value)) > 0 {
				return true
			}
		}
	}
	return false
}

// bodyMayMatter reports whether a PL/pgSQL body (the value of its string
// constant) could hold a statement that mayMatter selects, or an EXECUTE
// whose string is followed. A body for which it is false is not parsed:
// no statement taken from it could reach a rule. Every statement the
// PL/pgSQL front end takes from a body is a piece of its text, perhaps
// behind "SELECT ", so mayMatter selects it only when the body holds
//
//   - one of the leading keywords mayMatter looks for, as a word;
//   - "dblink" or "set_config";
//   - what conninfo.Find needs to find a connection string in a string
//     constant: "postgres" (a URL) or one of the keywords of which a
//     key=value string must hold one (host, dbname, user, ...) followed
//     by "=";
//   - or something that changes text when a string constant is decoded
//     (a backslash, a U& string) or when a stand-in is restored, where
//     the cheap test cannot see what the decoded value holds.
//
// mayMatter also selects a statement the scanner cannot read; such a
// statement does not parse either, and adds nothing.
func bodyMayMatter(body string) bool {
	if strings.IndexByte(body, '\\') >= 0 || strings.IndexByte(body, StandInByte) >= 0 || containsFold(body, "u&") {
		return true
	}
	if containsFold(body, "dblink") || containsFold(body, "set_config") || containsFold(body, "postgres") {
		return true
	}
	for i := 0; i < len(body); {
		c := body[i]
		if !isWordByte(c) {
			i++
			continue
		}
		j := i + 1
		for j < len(body) && (isWordByte(body[j]) || body[j] >= '0' && body[j] <= '9' || body[j] == '$') {
			j++
		}
		if bodyWord(body[i:], j-i) {
			return true
		}
		i = j
	}
	return connKeyBeforeEquals(body)
}

// bodyWord reports whether the word of n bytes at the start of text makes
// a body worth parsing: a leading keyword of a statement mayMatter selects
// (CREATE and ALTER followed by an object kind it selects), or an EXECUTE
// of what may be a string constant (EXECUTE format(...) is not followed).
func bodyWord(text string, n int) bool {
	w := text[:n]
	switch n {
	case 2:
		return strings.EqualFold(w, "DO")
	case 3:
		return strings.EqualFold(w, "SET")
	case 5:
		if strings.EqualFold(w, "ALTER") {
			return leadingMayMatter(text)
		}
		return strings.EqualFold(w, "GRANT") || strings.EqualFold(w, "RESET")
	case 6:
		if strings.EqualFold(w, "CREATE") {
			return leadingMayMatter(text)
		}
		return strings.EqualFold(w, "REVOKE")
	case 7:
		if !strings.EqualFold(w, "EXECUTE") {
			return false
		}
		rest := strings.TrimLeft(text[n:], " \t\n\r\f\v(")
		if rest == "" {
			return false
		}
		// A quote, a dollar quote, a prefixed string (E'', N''), or a
		// comment in between: say yes.
		switch c := rest[0]; {
		case c == '\'' || c == '$' || c == '-' || c == '/':
			return true
		case len(rest) > 1 && rest[1] == '\'':
			return true
		}
	}
	return false
}

// leadingMayMatter reports whether a statement starting at text (with a
// CREATE or ALTER) is one mayMatter selects by its leading words.
func leadingMayMatter(text string) bool {
	var words [4]string
	n := leadingWords(text, words[:])
	w := words[1:n]
	if len(w) >= 2 && w[0] == "OR" && w[1] == "REPLACE" {
		w = w[2:]
	}
	// A statement cut short after its first words (by a comment, say)
	// cannot be told apart: keep it.
	return len(w) == 0 || leadingObject[words[0]][w[0]]
}

// connKeys are the keywords of which a libpq key=value string holds at
// least one (see conninfo.Find).
var connKeys = []string{"host", "dbname", "user", "password", "sslmode", "service"}

// connKeyBeforeEquals reports whether text holds one of connKeys (hostaddr
// starts with host) followed, after white space, by "=".
func connKeyBeforeEquals(text string) bool {
	for i := strings.IndexByte(text, '='); i >= 0; {
		k := i
		for k > 0 && strings.IndexByte(" \t\n\r\f\v", text[k-1]) >= 0 {
			k--
		}
		for _, key := range connKeys {
			if strings.HasSuffix(text[:k], key) || key == "host" && strings.HasSuffix(text[:k], "hostaddr") {
				return true
			}
		}
		next := strings.IndexByte(text[i+1:], '=')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}
