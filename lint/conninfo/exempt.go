package conninfo

import (
	"net/netip"
	"strings"
)

// Exempt reports whether every place the string connects to is local or
// approved, so that TLS settings do not matter for it. A target is exempt
// when it is
//
//   - empty: libpq's default, the local unix socket (a string with no host
//     at all is exempt);
//   - a unix socket: a path starting with "/", or "@" (Linux abstract
//     namespace);
//   - loopback: "localhost" (any case) or an address in 127.0.0.0/8 or ::1;
//   - listed in exemptHosts, compared case-insensitively, or, for an IP
//     address, equal to an address entry or inside a prefix entry such as
//     "10.0.0.0/8".
//
// Where libpq is given hostaddr, it connects to that address instead of
// resolving the host of the same position, so the hostaddr is what is
// checked there.
func (i *Info) Exempt(exemptHosts []string) bool {
	n := max(len(i.Hosts), len(i.HostAddrs))
	for k := range n {
		target := ""
		if k < len(i.HostAddrs) && i.HostAddrs[k] != "" {
			target = i.HostAddrs[k]
		} else if k < len(i.Hosts) {
			target = i.Hosts[k]
		}
		if !exemptHost(target, exemptHosts) {
			return false
		}
	}
	return true
}

func exemptHost(h string, exemptHosts []string) bool {
	h = strings.TrimSpace(h)
	if h == "" || h[0] == '/' || h[0] == '@' {
		return true
	}
	if strings.EqualFold(h, "localhost") || strings.EqualFold(h, "localhost.") {
		return true
	}
	addr, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(h, "["), "]"))
	isIP := err == nil
	if isIP {
		addr = addr.WithZone("").Unmap()
		if addr.IsLoopback() {
			return true
		}
	}
	for _, e := range exemptHosts {
		e = strings.TrimSpace(e)
		if strings.EqualFold(e, h) {
			return true
		}
		if !isIP {
			continue
		}
		if strings.Contains(e, "/") {
			if p, err := netip.ParsePrefix(e); err == nil && p.Masked().Contains(addr) {
				return true
			}
		} else if ea, err := netip.ParseAddr(e); err == nil && ea.WithZone("").Unmap() == addr {
			return true
		}
	}
	return false
}
