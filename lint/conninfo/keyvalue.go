package conninfo

import (
	"strconv"
	"strings"
)

// libpqKeywords are the connection keywords libpq accepts (PostgreSQL 18),
// plus the obsolete ones it still tolerates. libpq keywords are
// case-sensitive.
var libpqKeywords = map[string]bool{
	"host": true, "hostaddr": true, "port": true, "dbname": true,
	"user": true, "password": true, "passfile": true,
	"require_auth": true, "channel_binding": true, "connect_timeout": true,
	"client_encoding": true, "options": true, "application_name": true,
	"fallback_application_name": true, "keepalives": true,
	"keepalives_idle": true, "keepalives_interval": true,
	"keepalives_count": true, "tcp_user_timeout": true, "replication": true,
	"gssencmode": true, "sslmode": true, "sslnegotiation": true,
	"requiressl": true, "sslcompression": true, "sslcert": true,
	"sslkey": true, "sslkeylogfile": true, "sslpassword": true,
	"sslcertmode": true, "sslrootcert": true, "sslcrl": true,
	"sslcrldir": true, "sslsni": true, "requirepeer": true,
	"ssl_min_protocol_version": true, "ssl_max_protocol_version": true,
	"min_protocol_version": true, "max_protocol_version": true,
	"krbsrvname": true, "gsslib": true, "gssdelegation": true,
	"service": true, "target_session_attrs": true,
	"load_balance_hosts": true, "oauth_issuer": true,
	"oauth_client_id": true, "oauth_client_secret": true,
	"oauth_scope": true, "authtype": true, "tty": true,
}

// IsKeyword reports whether k is a libpq connection keyword (exact case).
func IsKeyword(k string) bool { return libpqKeywords[k] }

// keyOfConnection are the keywords of which Find wants at least one before
// it takes a run of key=value pairs for a connection string: without one,
// "port=5432 connect_timeout=10" says nothing about a connection.
var keyOfConnection = map[string]bool{
	"host": true, "hostaddr": true, "dbname": true, "user": true,
	"password": true, "sslmode": true, "service": true,
}

// value is one value read from a key=value string.
type value struct {
	val  string
	span Span // raw bytes, without quotes
	next int  // index after the value (after a closing quote)
}

func isQuote(c byte) bool { return c == '"' || c == '\'' || c == '`' }

// readValue reads a libpq value at s[i] (white space after "=" already
// skipped). A value in single quotes may hold white space, with "\" escaping
// any byte; an unquoted value runs to white space, with "\" escaping the next
// byte too. ok is false for an unterminated quoted value.
//
// In find mode, for text that is not known to hold only the connection
// string, an unquoted value also ends at a quote character (", ' or `) or at
// a backslash before one, which end the string literal around it.
func readValue(s string, i int, find bool) (v value, ok bool) {
	var b strings.Builder
	if i < len(s) && s[i] == '\'' {
		j := i + 1
		for j < len(s) {
			switch c := s[j]; c {
			case '\\':
				if j+1 >= len(s) {
					return value{}, false
				}
				b.WriteByte(s[j+1])
				j += 2
			case '\'':
				return value{b.String(), Span{i + 1, j}, j + 1}, true
			default:
				b.WriteByte(c)
				j++
			}
		}
		return value{}, false
	}
	j := i
	for j < len(s) {
		if t := templateEnd(s, j, len(s)); t > j {
			b.WriteString(s[j:t])
			j = t
			continue
		}
		c := s[j]
		if isSpace(c) || find && isQuote(c) {
			break
		}
		if c == '\\' {
			if j+1 < len(s) && find && isQuote(s[j+1]) {
				break
			}
			j++
			if j < len(s) {
				b.WriteByte(s[j])
				j++
			}
			continue
		}
		b.WriteByte(c)
		j++
	}
	return value{b.String(), Span{i, j}, j}, true
}

// bareTemplate reports whether a template token that is not a keyword
// starts at s[i]: "%s", "$OPTS", "${EXTRA}", "{{ .Options }}" followed by
// white space or the end (in find mode also a quote), with no "=" after it.
// Written among key=value pairs, such a token stands for further pairs
// filled in at run time. It returns where the token ends.
func bareTemplate(s string, i, limit int, find bool) (end int, ok bool) {
	j := templateEnd(s, i, limit)
	if j == i {
		for j < limit && !isSpace(s[j]) && s[j] != '=' && !(find && isQuote(s[j])) {
			j++
		}
	}
	if j == i || !IsTemplate(s[i:j]) {
		return i, false
	}
	if j < limit && !isSpace(s[j]) && !(find && isQuote(s[j])) {
		return i, false
	}
	if k := skipSpaceTo(s, j, limit); k < limit && s[k] == '=' {
		return i, false // a templated keyword: ${KEY}=value
	}
	return j, true
}

func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// parseKV parses a whole libpq key=value string with libpq's rules: white
// space around "=" is allowed, keywords run to white space or "=", and the
// last setting of a keyword wins. Keywords libpq does not know are kept
// (pgx and lib/pq pass them to the server as run-time parameters), but a
// string with no libpq keyword at all is not a connection string.
func parseKV(s string) (*Info, error) {
	b := newBuilder(KeyValue)
	known := false
	for i := skipSpace(s, 0); i < len(s); i = skipSpace(s, i) {
		if t, ok := bareTemplate(s, i, len(s), false); ok {
			b.moreParams(s[i:t], Span{i, t})
			i = t
			continue
		}
		ks := i
		for i < len(s) && !isSpace(s[i]) && s[i] != '=' {
			i++
		}
		ke := i
		if ke == ks {
			return nil, &Error{ks, `missing keyword before "="`}
		}
		key := s[ks:ke]
		i = skipSpace(s, i)
		if i >= len(s) || s[i] != '=' {
			what := "keyword"
			if libpqKeywords[key] {
				what = strconv.Quote(key)
			}
			return nil, &Error{ke, `missing "=" after ` + what}
		}
		i = skipSpace(s, i+1)
		v, ok := readValue(s, i, false)
		if !ok {
			return nil, &Error{i, "unterminated quoted string"}
		}
		known = known || libpqKeywords[key]
		b.param(Param{Key: key, Value: v.val, KeySpan: Span{ks, ke}, ValueSpan: v.span}, s[v.span.Start:v.span.End])
		i = v.next
	}
	if len(b.info.Params) == 0 {
		return nil, &Error{0, "not a connection string: no key=value pair"}
	}
	if !known {
		return nil, &Error{0, "not a connection string: no libpq keyword"}
	}
	return b.finish(), nil
}
