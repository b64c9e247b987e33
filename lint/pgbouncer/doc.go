// Package pgbouncer parses PgBouncer's configuration file (pgbouncer.ini),
// the connection strings of its [databases] and [users] sections, and its
// authentication file (auth_file, usually userlist.txt) the way PgBouncer
// reads them, keeping the byte offset of every name and value so that
// rules can point at them.
//
// It is a parser only: it does not know which settings exist or what
// values they accept. Parse never panics; a line PgBouncer would refuse
// becomes a Problem and parsing goes on with the next line (PgBouncer
// itself stops loading there).
//
// # pgbouncer.ini
//
// The format is the INI dialect of libusual's cfparser.c:
//
//	[section]
//	key = value
//	'quoted key' = value
//	; a comment line
//	# also a comment line
//	%include /etc/pgbouncer/other.ini
//
// As in PgBouncer:
//
//   - White space before a line's first token is skipped, so indented
//     lines are read like any other. Comments are whole lines: a ";" or
//     "#" after a value is part of the value.
//   - A section header is "[" up to the next "]" on the line; the name is
//     taken as written. Whatever follows the "]" on the line is read as if
//     it started a line.
//   - A key is letters, digits, "_", ".", "-" and "*" (the fallback
//     database "*"), or any text in single quotes. Blanks may surround the
//     "=". The value is the rest of the line without trailing white space;
//     it is never unquoted. Section names and keys are case-sensitive.
//   - "%include" followed by a blank names a file to read at that point;
//     it is returned as an Include, not followed.
//
// A leading UTF-8 byte order mark is skipped. Offsets are byte offsets
// into the input and spans are half-open. Because only line structure and
// leading white space matter, a caller may pass a buffer in which
// everything outside the INI text is blanked to spaces (newlines kept),
// such as a YAML file with only a block scalar's content left: offsets are
// then offsets into that file.
//
// # Connection strings
//
// The value of a [databases] or [users] entry is a list of key=value
// pairs separated by spaces (ParseConnString), as PgBouncer's loader.c
// reads it: a key runs to "=" or a space; a value is either single-quoted,
// with ” standing for a quote, or runs to the next space.
//
// # Authentication file
//
// Each line of an auth_file is a double-quoted user name and a
// double-quoted password or secret, with "" standing for a quote inside
// either; the rest of the line is ignored, and lines starting with ";" are
// comments (ParseUserList; "#" lines are read as comments too).
package pgbouncer
