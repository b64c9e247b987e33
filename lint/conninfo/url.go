package conninfo

import "strings"

const jdbcPrefix = "jdbc:postgresql:"

// urlSchemeLen returns the length of the postgres URL scheme and "//" that s
// starts with (any case), or 0: "postgres://", "postgresql://", or
// SQLAlchemy's "postgresql+driver://".
func urlSchemeLen(s string) int {
	for _, p := range [...]string{"postgresql://", "postgres://"} {
		if hasPrefixFold(s, p) {
			return len(p)
		}
	}
	if hasPrefixFold(s, "postgresql+") {
		j := len("postgresql+")
		k := j
		for k < len(s) && (isAlnum(s[k]) || s[k] == '_') {
			k++
		}
		if k > j && strings.HasPrefix(s[k:], "://") {
			return k + 3
		}
	}
	return 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= lowerASCII(c) && lowerASCII(c) <= 'f'
}

func unhex(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return lowerASCII(c) - 'a' + 10
}

// decode undoes percent-encoding. A "%" not followed by two hex digits is
// kept as written (libpq would reject the URL; "%s" in a printf template is
// the usual cause). With plus, "+" decodes to a space, as Java's URLDecoder
// does for pgjdbc's query values; libpq keeps "+".
func decode(s string, plus bool) string {
	if strings.IndexByte(s, '%') < 0 && (!plus || strings.IndexByte(s, '+') < 0) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for k := 0; k < len(s); k++ {
		c := s[k]
		switch {
		case c == '%' && k+2 < len(s) && isHex(s[k+1]) && isHex(s[k+2]):
			b.WriteByte(unhex(s[k+1])<<4 | unhex(s[k+2]))
			k += 2
		case c == '+' && plus:
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// parseURL parses a libpq connection URI in s[:hi] whose scheme and "//"
// end at p:
//
//	postgresql://[user[:password]@][host][:port][,...][/dbname][?param=value&...]
//
// Hosts may be IPv6 addresses in brackets or percent-encoded socket
// directories; query parameters override the parts before them.
func parseURL(s string, p, hi int) (*Info, error) {
	b := newBuilder(URL)
	hostStart, hostEnd := b.userinfo(s, p, hi)
	hosts, err := hostList(s, hostStart, hostEnd, URL)
	if err != nil {
		return nil, err
	}
	b.info.Hosts = hosts
	q := hostEnd
	if q < hi && s[q] == '/' {
		end := indexSkip(s, q+1, hi, '?')
		if end < 0 {
			end = hi
		}
		b.info.DBName = decode(s[q+1:end], false)
		q = end
	}
	if q < hi && s[q] == '?' {
		b.query(s, q+1, hi, URL)
	}
	return b.finish(), nil
}

// parseJDBC parses a pgjdbc URL in s[lo:hi]:
//
//	jdbc:postgresql://host[:port][,...]/[database][?property=value&...]
//	jdbc:postgresql:database[?...]    (host localhost)
//
// pgjdbc cuts the query at the first "?" and takes user and password as
// properties; "user:password@" before the host is not pgjdbc syntax, but is
// parsed like a postgres:// URL's so that a password written there is found.
func parseJDBC(s string, lo, hi int) (*Info, error) {
	b := newBuilder(JDBC)
	p := lo + len(jdbcPrefix)
	serverEnd := indexSkip(s, p, hi, '?')
	if serverEnd < 0 {
		serverEnd = hi
	}
	if strings.HasPrefix(s[p:serverEnd], "//") {
		hostStart, hostEnd := b.userinfo(s, p+2, serverEnd)
		hosts, err := hostList(s, hostStart, hostEnd, JDBC)
		if err != nil {
			return nil, err
		}
		b.info.Hosts = hosts
		// pgjdbc rejects a URL without "/" after the host; it is
		// accepted here so that a password in it is still found.
		if hostEnd < serverEnd && s[hostEnd] == '/' {
			b.info.DBName = decode(s[hostEnd+1:serverEnd], true)
		}
	} else {
		b.info.DBName = decode(s[p:serverEnd], true)
	}
	if serverEnd < hi {
		b.query(s, serverEnd+1, hi, JDBC)
	}
	return b.finish(), nil
}

// userinfo reads "user[:password]@" at the start of the authority s[p:hi]
// and returns where the host list is. The userinfo ends at the last "@"
// before the first "/" (net/url's and pgx's reading; libpq takes the first
// "@", which only differs for strings libpq cannot connect with, and the
// last one keeps an unescaped "@" in a password, or Azure's
// "user@server" login, whole). An "@" after "?name=" belongs to a query
// parameter ("?user=a@corp"), not to userinfo.
func (b *builder) userinfo(s string, p, hi int) (hostStart, hostEnd int) {
	slash := indexSkip(s, p, hi, '/')
	if slash < 0 {
		slash = hi
	}
	at := lastIndexSkip(s, p, slash, '@')
	if at >= 0 {
		if q := indexSkip(s, p, at, '?'); q >= 0 && strings.IndexByte(s[q:at], '=') >= 0 {
			at = -1
		}
	}
	hostStart = p
	if at >= 0 {
		hostStart = at + 1
		colon := indexSkip(s, p, at, ':')
		if colon < 0 {
			b.info.User = decode(s[p:at], false)
		} else {
			b.info.User = decode(s[p:colon], false)
			raw := s[colon+1 : at]
			b.addPassword(decode(raw, false), raw, Span{colon + 1, at})
		}
	}
	hostEnd = indexAnySkip(s, hostStart, hi, "/?")
	if hostEnd < 0 {
		hostEnd = hi
	}
	return hostStart, hostEnd
}

// hostList parses "host[:port],..." in s[a:z]. libpq splits host and port
// at the first ":", pgjdbc at the last; both take IPv6 addresses in
// brackets. libpq percent-decodes hosts (a socket directory is written
// %2Fvar%2Frun%2Fpostgresql); pgjdbc does not.
func hostList(s string, a, z int, form Form) ([]string, error) {
	hosts := []string{}
	if a >= z {
		return hosts, nil
	}
	for start := a; start <= z; {
		end := indexSkip(s, start, z, ',')
		if end < 0 {
			end = z
		}
		var host string
		if start < end && s[start] == '[' {
			rb := strings.IndexByte(s[start:end], ']')
			if rb < 0 {
				return nil, &Error{start, `missing "]" after IPv6 host address`}
			}
			rb += start
			if rb == start+1 {
				return nil, &Error{start, "empty IPv6 host address"}
			}
			if rb+1 < end && s[rb+1] != ':' {
				return nil, &Error{rb + 1, `unexpected character after IPv6 host address, want ":" port`}
			}
			host = s[start+1 : rb]
		} else {
			var colon int
			if form == JDBC {
				colon = lastIndexSkip(s, start, end, ':')
			} else {
				colon = indexSkip(s, start, end, ':')
			}
			if colon < 0 {
				colon = end
			}
			host = s[start:colon]
		}
		if form == URL {
			host = decode(host, false)
		}
		hosts = append(hosts, host)
		start = end + 1
	}
	if allEmpty(hosts) {
		return []string{}, nil
	}
	return hosts, nil
}

// query reads "name=value&..." in s[a:z]. A parameter without "=" gets an
// empty value (pgjdbc's bare "ssl"; libpq would reject it), unless it is a
// template, which stands for further parameters; a value may hold further
// "=" (base64 padding in a password). libpq decodes names and
// values; pgjdbc decodes values only.
func (b *builder) query(s string, a, z int, form Form) {
	for start := a; start <= z; {
		end := indexSkip(s, start, z, '&')
		if end < 0 {
			end = z
		}
		if end > start {
			ks, ke, vs, ve := start, end, end, end
			eq := indexSkip(s, start, end, '=')
			if eq >= 0 {
				ke, vs = eq, eq+1
			}
			key, raw := s[ks:ke], s[vs:ve]
			if eq < 0 && IsTemplate(key) {
				// "?%s", "&${PARAMS}": parameters filled in at run time.
				b.moreParams(key, Span{ks, ke})
				start = end + 1
				continue
			}
			var val string
			if form == JDBC {
				val = decode(raw, true)
			} else {
				key, val = decode(key, false), decode(raw, false)
			}
			b.param(Param{Key: key, Value: val, KeySpan: Span{ks, ke}, ValueSpan: Span{vs, ve}}, raw)
		}
		start = end + 1
	}
}
