package hba

import (
	"net/netip"
	"strings"
)

// Prefix returns the network that the record's Address (and Mask) admits,
// with host bits cleared: "10.1.2.3/8" and "10.0.0.0 255.0.0.0" are both
// 10.0.0.0/8, "0/0" is 0.0.0.0/0. ok is false when there is no IP address:
// local and include records, the keywords all, samehost and samenet
// (callers treat all separately), host names and .domain suffixes. An IPv6
// zone is dropped.
func (r *Record) Prefix() (netip.Prefix, bool) {
	a := r.Address
	if a == nil || !a.Quoted && (a.Value == "all" || a.Value == "samehost" || a.Value == "samenet") {
		return netip.Prefix{}, false
	}
	host, bits, slash := strings.Cut(a.Value, "/")
	ip, ok := parseIP(host)
	if !ok {
		return netip.Prefix{}, false
	}
	var n int
	switch {
	case slash:
		n, ok = parseBits(bits, ip.BitLen())
	case r.Mask != nil:
		var m netip.Addr
		if m, ok = parseIP(r.Mask.Value); ok && m.BitLen() == ip.BitLen() {
			n, ok = maskBits(m)
		} else {
			ok = false
		}
	default:
		ok = false
	}
	if !ok {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(ip.WithZone(""), n).Masked(), true
}

// parseIP reads a numeric address the way the server's
// getaddrinfo(AI_NUMERICHOST) call does: IPv6 as inet_pton (plus an
// optional %zone), IPv4 as inet_aton, which also takes the old forms with
// fewer than four parts and octal or hex parts ("127.1", "0", "0x7f.1").
// A string that is neither is a host name to the server.
func parseIP(s string) (netip.Addr, bool) {
	if strings.IndexByte(s, ':') >= 0 {
		ip, err := netip.ParseAddr(s)
		return ip, err == nil && ip.Is6()
	}
	return parseInetAton(s)
}

// parseInetAton is glibc's inet_aton_exact: one to four parts separated by
// dots, each decimal, octal (leading 0) or hex (leading 0x); the last part
// fills the remaining bytes.
func parseInetAton(s string) (netip.Addr, bool) {
	var b [4]byte
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	for i, part := range parts {
		v, ok := parseCNumber(part)
		if !ok {
			return netip.Addr{}, false
		}
		if i < len(parts)-1 {
			if v > 0xff {
				return netip.Addr{}, false
			}
			b[i] = byte(v)
			continue
		}
		// The last part holds the remaining 4-i bytes.
		if v>>(8*(4-i)) != 0 {
			return netip.Addr{}, false
		}
		for j := 3; j >= i; j-- {
			b[j] = byte(v)
			v >>= 8
		}
	}
	return netip.AddrFrom4(b), true
}

// parseCNumber reads an unsigned number as strtoul(s, &end, 0) does, with
// nothing left over; it must start with a digit.
func parseCNumber(s string) (uint64, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	base, digits := uint64(10), s
	switch {
	case len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'):
		base, digits = 16, s[2:]
	case len(s) > 1 && s[0] == '0':
		base, digits = 8, s[1:]
	}
	var v uint64
	for i := 0; i < len(digits); i++ {
		d, ok := digitValue(digits[i])
		if !ok || d >= base {
			return 0, false
		}
		v = v*base + d
		if v > 0xffffffff {
			return 0, false
		}
	}
	return v, true
}

func digitValue(c byte) (uint64, bool) {
	switch {
	case c >= '0' && c <= '9':
		return uint64(c - '0'), true
	case c >= 'a' && c <= 'f':
		return uint64(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return uint64(c-'A') + 10, true
	}
	return 0, false
}

// parseBits reads the length after "/" as pg_sockaddr_cidr_mask does with
// strtol: leading white space and a sign are allowed, trailing text is not.
func parseBits(s string, maxBits int) (int, bool) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] >= '\t' && s[i] <= '\r') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	if i == len(s) {
		return 0, false
	}
	n := 0
	for ; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = min(n*10+int(s[i]-'0'), 1<<20) // saturate like strtol
	}
	if neg {
		n = -n
	}
	if n < 0 || n > maxBits {
		return 0, false
	}
	return n, true
}

// maskBits returns the prefix length of a contiguous netmask: ones, then
// zeros.
func maskBits(m netip.Addr) (int, bool) {
	n, zero := 0, false
	for _, b := range m.AsSlice() {
		for bit := 7; bit >= 0; bit-- {
			one := b>>bit&1 == 1
			switch {
			case one && zero:
				return 0, false
			case one:
				n++
			default:
				zero = true
			}
		}
	}
	return n, true
}
