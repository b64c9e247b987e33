// Package hba parses pg_hba.conf, PostgreSQL's client authentication file,
// the way the PostgreSQL 16 server reads it (src/backend/libpq/hba.c), and
// keeps the byte offset of every field so that rules can point at it.
//
// It is a parser only: it tells what each record says, not whether that is
// wise. Parse never panics; a line the server would refuse becomes a
// Problem and parsing goes on with the next line.
//
// # Format
//
// A record is one line of fields separated by spaces or tabs:
//
//	local      DATABASE USER METHOD [OPTIONS]
//	host       DATABASE USER ADDRESS METHOD [OPTIONS]
//	hostssl    DATABASE USER IP-ADDRESS IP-MASK METHOD [OPTIONS]
//	include    FILE
//
// and likewise hostnossl, hostgssenc, hostnogssenc, include_if_exists and
// include_dir. As in the server:
//
//   - "#" outside double quotes starts a comment that runs to the end of the
//     record. Blank lines are skipped.
//   - A backslash at the very end of a line joins the next line to it, with
//     nothing in between (PostgreSQL 16). The join happens before anything
//     else, so it also continues a comment or a quoted string: a commented
//     out line that ends in "\" comments out the next line too.
//   - Double quotes may surround all or part of a field, which may then
//     contain spaces, commas and "#"; "" inside quotes is one quote. A
//     field is Quoted when it begins with a quote; a quoted keyword (all,
//     samehost, replication, ...) loses its meaning. Record types, methods
//     and IP addresses are compared as text by the server, so quoting
//     does not change them.
//   - The database and user fields are comma-separated lists; a comma
//     followed by white space continues the list ("a, b" is one field of
//     two elements). "@file" elements are kept as written: this package
//     reads no other file.
//   - Record types, keywords and method names are case-sensitive: the
//     server compares them with strcmp, so "HOST" is not a record type.
//   - An address is all, samehost, samenet, a host name, a ".suffix", an IP
//     address with "/bits", or an IP address followed by a separate netmask
//     field. IPv4 addresses are read like getaddrinfo does (inet_aton), so
//     "0", "10.1" and "0x0a000001" are addresses, and "0/0" is every IPv4
//     address. An IPv6 zone ("fe80::1%eth0") is accepted and ignored by
//     Record.Prefix.
//   - An include record has exactly two fields. A line of any other length
//     starting with include is refused, as the server refuses it.
//
// Problems are reported where the server reports an error (unknown record
// type or method, too few fields, bad address, netmask or CIDR length,
// several values where one is allowed, an option without "="), plus three
// cases the server accepts but a reviewer should hear about: an
// unterminated double quote (the server silently takes the rest of the
// line), a netmask that is not contiguous (the server applies it bit by
// bit; it cannot be written as a prefix), and a NUL byte (the server
// ignores the rest of that line). A leading UTF-8 byte order mark is
// reported, because the server reads it as part of the first field; it is
// then skipped so that the rest of the file is still checked.
//
// Offsets are byte offsets into the file given to Parse, never into a
// joined line, and spans are half-open. Lines are 1-based and counted by
// "\n"; a "\r" before it is ignored.
package hba
