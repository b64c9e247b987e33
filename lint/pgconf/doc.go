// Package pgconf parses postgresql.conf and postgresql.auto.conf the way
// the server's configuration scanner does (src/backend/utils/misc/
// guc-file.l), keeping the byte offset of every name and value so that
// rules can point at them.
//
// It is a parser only: it does not know which parameters exist or what
// values they accept, except for the helpers Bool and List, which read
// values as the server does. Parse never panics; a line the server would
// refuse becomes a Problem and parsing goes on with the next line.
//
// # Format
//
// One setting per line:
//
//	name = value   # comment
//	name value     # the "=" is optional
//	include 'other.conf'
//
// As in the server:
//
//   - A name is a letter or "_" followed by letters, digits and "_", or two
//     such words joined by one dot (pgaudit.log). Bytes 0x80 and above count
//     as letters. Names are case-insensitive; Setting.Name is lower-cased.
//   - A value is one token: a single-quoted string, where ” and \' stand
//     for a quote and \b \f \n \r \t and \ooo (octal) are decoded; a name
//     (on, pg_stat_statements); an unquoted string that starts with a
//     letter and may contain "-", ".", ":" and "/" (but is not name.name);
//     an integer with an optional sign, 0x hex digits and unit letters
//     (128MB, 5min, -1); or a number with a decimal point and an optional
//     exponent (0.5, 1.5e-3).
//     Anything else, such as a list with commas or a path starting with
//     "/", must be quoted: unquoted it is a syntax error.
//   - "#" starts a comment where a token could start; blank lines are
//     skipped; a quoted string cannot span lines and there is no line
//     continuation.
//   - include, include_if_exists and include_dir (any case) are
//     directives, returned as Include, not as settings.
//   - The last setting of a name wins (File.Last). The server reads
//     postgresql.auto.conf after postgresql.conf, and an include at the
//     point where it is written; following them is the caller's business.
//
// A leading UTF-8 byte order mark is reported as a problem, because the
// server reads it as part of the first name; it is then skipped so that
// the rest of the file is still checked. A NUL byte is reported and its
// line skipped.
//
// Offsets are byte offsets into the file given to Parse and spans are
// half-open. Lines are 1-based and counted by "\n"; "\r" is white space.
package pgconf
