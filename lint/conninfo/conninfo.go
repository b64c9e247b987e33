package conninfo

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Form is how a connection string is written.
type Form int

// The connection string forms Parse understands.
const (
	// KeyValue is a libpq keyword/value string: host=db port=5432.
	KeyValue Form = iota + 1
	// URL is a libpq connection URI: postgres://, postgresql:// (and the
	// SQLAlchemy spelling postgresql+driver://).
	URL
	// JDBC is a pgjdbc URL: jdbc:postgresql://host/db or jdbc:postgresql:db.
	JDBC
)

// String returns the form's name as used in messages.
func (f Form) String() string {
	switch f {
	case KeyValue:
		return "key=value"
	case URL:
		return "URL"
	case JDBC:
		return "JDBC URL"
	}
	return "Form(" + strconv.Itoa(int(f)) + ")"
}

// Span is a half-open byte range [Start,End) into the string given to Parse
// (or the text given to Find). A span that is absent is {-1,-1}.
type Span struct{ Start, End int }

// noSpan marks an absent value.
var noSpan = Span{-1, -1}

// IsValid reports whether s is a real range rather than the {-1,-1} marker.
func (s Span) IsValid() bool { return s.Start >= 0 && s.End >= s.Start }

func (s Span) shift(off int) Span {
	if !s.IsValid() {
		return s
	}
	return Span{s.Start + off, s.End + off}
}

// Param is one keyword and value as written: a key=value pair of a libpq
// string, or a query parameter of a URL. Key and Value are decoded (quotes
// and backslashes for key=value, percent-encoding for URLs); the spans cover
// the raw bytes, without the quotes around a quoted value.
type Param struct {
	Key, Value         string
	KeySpan, ValueSpan Span
}

// Info is what a connection string says about where it connects, with what
// secret, and how it protects the connection.
type Info struct {
	// Form is how the string is written.
	Form Form
	// Hosts are the host names, IP addresses (IPv6 without brackets) or
	// unix-socket directories, as written after decoding, in order. It is
	// an empty, non-nil slice when none is given, except for JDBC, where
	// pgjdbc's default "localhost" is filled in.
	Hosts []string
	// HostAddrs are libpq hostaddr values, nil when none is given.
	HostAddrs []string
	// User is the user name, "" when not given.
	User string
	// DBName is the database name, "" when not given.
	DBName string

	// Password is the password, decoded. When a string gives more than one
	// (URL userinfo and a password= parameter), it is the last literal one,
	// because a literal anywhere in the string is a leak even when a later
	// template overrides it; with no literal it is the last one given. It
	// is "" when no password is given.
	Password string
	// HasPassword reports whether Password is a non-empty literal: not
	// empty and not a template or placeholder (see IsTemplate).
	HasPassword bool
	// PasswordSpan holds the raw bytes of Password in the input, without
	// surrounding quotes and still percent-encoded in URLs; {-1,-1} when no
	// password is given. It is set for templates too.
	PasswordSpan Span
	// SecretSpans are the raw bytes of every literal secret in the string,
	// in order: each literal password (not just the one in Password), and
	// sslpassword and oauth_client_secret values. Redact all of them.
	SecretSpans []Span

	// SSLMode is the sslmode the string sets explicitly, lower-cased (a
	// template is left as written), after resolving aliases the way the
	// driver for the form does; "" when none is set, meaning the driver's
	// default applies (see DefaultSSLModeNote). When the string sets none
	// but holds a template where further parameters go (a bare "%s" among
	// key=value pairs, "?%s" in a URL), SSLMode is that template: the
	// sslmode may come with it. See the package doc for the aliases.
	SSLMode string
	// SSLModeSpan is where the value that decided SSLMode is (the sslmode
	// value or the alias's value), {-1,-1} when SSLMode is "".
	SSLModeSpan Span

	// Params are all keyword/value pairs in order: every pair of a
	// key=value string, the query parameters of a URL.
	Params []Param
}

// Weak reports whether the string sets an sslmode that does not verify the
// server (see the package-level Weak).
func (i *Info) Weak() bool { return Weak(i.SSLMode) }

// Weak reports whether sslmode leaves the connection open to a
// man-in-the-middle: disable, allow, prefer, require and verify-ca, plus
// node-postgres's no-verify. verify-full and unknown values (including
// templates and "") are not weak. Case is ignored.
func Weak(sslmode string) bool {
	switch strings.ToLower(strings.TrimSpace(sslmode)) {
	case "disable", "allow", "prefer", "require", "verify-ca", "no-verify":
		return true
	}
	return false
}

// DefaultSSLModeNote returns a message fragment naming the sslmode a driver
// uses when the string sets none. driver names the client ("libpq", "pgx",
// "lib/pq", "pgjdbc", or a database/sql driver name such as "postgres" or
// "pgx"); "" or an unknown name gives the general note
// `libpq and pgx default to "prefer", lib/pq to "require"`.
func DefaultSSLModeNote(driver string) string {
	d := strings.ToLower(strings.TrimSpace(driver))
	switch {
	case d == "libpq" || d == "psql" || strings.HasPrefix(d, "psycopg"):
		return `libpq defaults to "prefer"`
	case strings.Contains(d, "pgx"):
		return `pgx defaults to "prefer"`
	case d == "lib/pq" || d == "pq" || d == "postgres" || strings.HasSuffix(d, "/lib/pq"):
		// "postgres" is the database/sql name lib/pq registers.
		return `lib/pq defaults to "require"`
	case d == "pgjdbc" || d == "jdbc":
		return `pgjdbc defaults to "prefer"`
	}
	return `libpq and pgx default to "prefer", lib/pq to "require"`
}

// Error is a connection string that could not be parsed. Its message
// quotes nothing of the input but a libpq keyword or a URL scheme, because
// the input may hold a password.
type Error struct {
	// Offset is the byte offset in the input where the problem is.
	Offset int
	// Msg says what is wrong.
	Msg string
}

// Error returns the message with the byte offset.
func (e *Error) Error() string {
	return fmt.Sprintf("conninfo: %s (at byte %d)", e.Msg, e.Offset)
}

// Parse parses s, which must be exactly one connection string in one of the
// three forms; leading and trailing white space is ignored. It returns an
// *Error for text that is not a connection string (an unsupported URL
// scheme, a key=value string with no libpq keyword) or is malformed (an
// unterminated quote, a keyword without "=", an unclosed IPv6 bracket).
// Every span in the result is an offset into s.
func Parse(s string) (*Info, error) {
	lo, hi := trimSpace(s)
	if lo == hi {
		return nil, &Error{0, "empty connection string"}
	}
	body := s[lo:hi]
	if hasPrefixFold(body, jdbcPrefix) {
		return parseJDBC(s, lo, hi)
	}
	if n := urlSchemeLen(body); n > 0 {
		return parseURL(s, lo+n, hi)
	}
	if k := strings.Index(body, "://"); k > 0 && isScheme(body[:k]) {
		scheme := body[:k]
		if len(scheme) > 32 {
			scheme = scheme[:32] + "..."
		}
		return nil, &Error{lo, fmt.Sprintf("unsupported URL scheme %q: want postgres://, postgresql:// or jdbc:postgresql:", scheme)}
	}
	// Not trimmed: libpq skips white space itself, and an escaped trailing
	// space ("a\ ") belongs to the value.
	return parseKV(s)
}

// builder collects what the parsers find and resolves precedence at the end.
type builder struct {
	info    *Info
	form    Form
	pw      []candidate
	secrets []Span

	mode     string // libpq forms: the last sslmode/requiressl/ssl setting
	modeSpan Span
	rootSys  Span // libpq forms: span of the last sslrootcert if it is "system"

	more     string // the last template standing for further parameters
	moreSpan Span
}

type candidate struct {
	val     string
	span    Span
	literal bool
}

func newBuilder(form Form) *builder {
	return &builder{
		info:     &Info{Form: form, Hosts: []string{}, PasswordSpan: noSpan, SSLModeSpan: noSpan},
		form:     form,
		modeSpan: noSpan,
		rootSys:  noSpan,
		moreSpan: noSpan,
	}
}

// moreParams records a template written where further parameters go: a
// bare token among key=value pairs ("host=%s dbname=%s %s") or a query
// parameter without "=" in a URL ("?%s"). Whatever it expands to may set
// sslmode.
func (b *builder) moreParams(raw string, span Span) {
	b.more, b.moreSpan = raw, span
}

// literal reports whether the value of the secret setting key (decoded
// val, raw as written) is a real value rather than an empty string, a
// template, or a name such as "password" (see NamesPassword).
func literal(key, val, raw string) bool {
	return val != "" && !IsTemplate(val) && !IsTemplate(raw) && !NamesPassword(key, val)
}

func (b *builder) addPassword(val, raw string, span Span) {
	lit := literal("password", val, raw)
	b.pw = append(b.pw, candidate{val, span, lit})
	if lit {
		b.secrets = append(b.secrets, span)
	}
}

func (b *builder) addSecret(key, val, raw string, span Span) {
	if literal(key, val, raw) {
		b.secrets = append(b.secrets, span)
	}
}

func (b *builder) setMode(v string, span Span) {
	if v = normalizeMode(v); v == "" {
		// An empty sslmode is no setting: the default applies.
		b.mode, b.modeSpan = "", noSpan
		return
	}
	b.mode, b.modeSpan = v, span
}

// normalizeMode lower-cases an sslmode value, leaving templates as written.
func normalizeMode(v string) string {
	v = strings.TrimSpace(v)
	if IsTemplate(v) {
		return v
	}
	return strings.ToLower(v)
}

// param applies one keyword/value pair. raw is the value as written.
func (b *builder) param(p Param, raw string) {
	b.info.Params = append(b.info.Params, p)
	v := p.Value
	switch p.Key {
	case "user":
		b.info.User = v
	case "password":
		b.addPassword(v, raw, p.ValueSpan)
	case "sslpassword", "oauth_client_secret":
		b.addSecret(p.Key, v, raw, p.ValueSpan)
	}
	if b.form == JDBC {
		// pgjdbc reads host, port and database only from the URL's
		// authority and path (its properties are PGHOST, PGPORT,
		// PGDBNAME); sslmode, ssl and sslfactory are resolved in finish.
		return
	}
	switch p.Key {
	case "host":
		b.info.Hosts = splitList(v)
	case "hostaddr":
		b.info.HostAddrs = splitList(v)
	case "dbname":
		b.info.DBName = v
	case "sslmode":
		b.setMode(v, p.ValueSpan)
	case "requiressl":
		// libpq stores the deprecated requiressl as sslmode: a value
		// starting with "1" is require, anything else prefer; the last of
		// requiressl and sslmode wins.
		if strings.HasPrefix(v, "1") {
			b.setMode("require", p.ValueSpan)
		} else {
			b.setMode("prefer", p.ValueSpan)
		}
	case "ssl":
		// libpq's URI parser turns exactly ssl=true into sslmode=require
		// "for JDBC compatibility"; in a key=value string ssl is not a
		// libpq keyword at all.
		if b.form == URL && v == "true" {
			b.setMode("require", p.ValueSpan)
		}
	case "sslrootcert":
		if v == "system" {
			b.rootSys = p.ValueSpan
		} else {
			b.rootSys = noSpan
		}
	}
}

func (b *builder) finish() *Info {
	in := b.info
	chosen := -1
	for k, c := range b.pw {
		if c.literal {
			chosen = k
		}
	}
	if chosen >= 0 {
		in.HasPassword = true
	} else if len(b.pw) > 0 {
		chosen = len(b.pw) - 1
	}
	if chosen >= 0 {
		in.Password, in.PasswordSpan = b.pw[chosen].val, b.pw[chosen].span
	}
	if len(b.secrets) > 0 {
		// URL userinfo comes before query parameters, but keep the
		// promise of source order whatever the parser's visiting order.
		in.SecretSpans = b.secrets
		slices.SortFunc(in.SecretSpans, func(x, y Span) int { return x.Start - y.Start })
	}

	if b.form == JDBC {
		b.resolveJDBCMode()
	} else {
		in.SSLMode, in.SSLModeSpan = b.mode, b.modeSpan
		if in.SSLMode == "" && b.rootSys.IsValid() {
			// libpq 16+: sslrootcert=system makes verify-full the default
			// (and rejects weaker explicit modes, so an explicit mode is
			// kept as written).
			in.SSLMode, in.SSLModeSpan = "verify-full", b.rootSys
		}
	}
	if in.SSLMode == "" && b.moreSpan.IsValid() {
		in.SSLMode, in.SSLModeSpan = b.more, b.moreSpan
	}
	if b.form == JDBC && allEmpty(in.Hosts) {
		in.Hosts = []string{"localhost"}
	}
	return in
}

// resolveJDBCMode applies pgjdbc's rules (SslMode.of): an sslmode property
// wins wherever it is; without one, ssl=true (any case) or a bare "ssl"
// means verify-full and any other ssl value prefer. A NonValidatingFactory
// accepts any certificate, so it turns verify-ca and verify-full into what
// require gives.
func (b *builder) resolveJDBCMode() {
	in := b.info
	find := func(key string) *Param {
		for k := len(in.Params) - 1; k >= 0; k-- {
			if in.Params[k].Key == key {
				return &in.Params[k]
			}
		}
		return nil
	}
	if p := find("sslmode"); p != nil && normalizeMode(p.Value) != "" {
		in.SSLMode, in.SSLModeSpan = normalizeMode(p.Value), p.ValueSpan
	} else if p := find("ssl"); p != nil {
		if strings.EqualFold(p.Value, "true") || p.Value == "" {
			in.SSLMode = "verify-full"
		} else if IsTemplate(p.Value) {
			in.SSLMode = p.Value
		} else {
			in.SSLMode = "prefer"
		}
		in.SSLModeSpan = p.ValueSpan
	}
	if f := find("sslfactory"); f != nil && strings.HasSuffix(f.Value, ".NonValidatingFactory") {
		if in.SSLMode == "verify-full" || in.SSLMode == "verify-ca" {
			in.SSLMode, in.SSLModeSpan = "require", f.ValueSpan
		}
	}
}

// splitList splits a comma-separated libpq list; "" gives an empty slice.
func splitList(v string) []string {
	if v == "" {
		return []string{}
	}
	return strings.Split(v, ",")
}

func allEmpty(ss []string) bool {
	for _, s := range ss {
		if s != "" {
			return false
		}
	}
	return true
}

// shift moves every span of in by off, for Info parsed from a substring.
func (i *Info) shift(off int) {
	i.PasswordSpan = i.PasswordSpan.shift(off)
	i.SSLModeSpan = i.SSLModeSpan.shift(off)
	for k := range i.SecretSpans {
		i.SecretSpans[k] = i.SecretSpans[k].shift(off)
	}
	for k := range i.Params {
		i.Params[k].KeySpan = i.Params[k].KeySpan.shift(off)
		i.Params[k].ValueSpan = i.Params[k].ValueSpan.shift(off)
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func trimSpace(s string) (lo, hi int) {
	lo, hi = 0, len(s)
	for lo < hi && isSpace(s[lo]) {
		lo++
	}
	for hi > lo && isSpace(s[hi-1]) {
		hi--
	}
	return lo, hi
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}

func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for k := 0; k < len(prefix); k++ {
		if lowerASCII(s[k]) != prefix[k] {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isScheme reports whether s is a URL scheme (RFC 3986 letters).
func isScheme(s string) bool {
	if s == "" || !('a' <= lowerASCII(s[0]) && lowerASCII(s[0]) <= 'z') {
		return false
	}
	for k := 1; k < len(s); k++ {
		c := s[k]
		if !isAlnum(c) && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}
