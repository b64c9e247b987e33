package conninfo

import (
	"net/netip"
	"slices"
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
	for _, t := range i.targets() {
		if !exemptHost(t, exemptHosts) {
			return false
		}
	}
	return true
}

// HostSetAtRunTime reports whether the string is not exempt only because
// of hosts filled in at run time: at least one place it connects to is
// nothing but a template ("%s", "${DB_HOST}", "<host>"; see IsTemplate)
// and every other one is exempt. A host with literal text around a
// template ("db-%s.example.com") names a remote host. Where such a string connects, and so whether its traffic
// leaves the machine, is not written in it.
func (i *Info) HostSetAtRunTime(exemptHosts []string) bool {
	templated := false
	for _, t := range i.targets() {
		switch {
		case onlyTemplate(strings.TrimSpace(t)):
			templated = true
		case !exemptHost(t, exemptHosts):
			return false
		}
	}
	return templated
}

// RunTimeHost is how HostList names a host filled in at run time.
const RunTimeHost = "a host set at run time"

// HostList names the hosts of the string for a message: as written,
// comma-separated, with a template written as RunTimeHost (a message
// never shows a raw "%s" or "${DB_HOST}" as a host), and "the default
// host" when there is none.
func (i *Info) HostList() string {
	var hs []string
	for _, h := range i.Hosts {
		if IsTemplate(strings.TrimSpace(h)) {
			h = RunTimeHost
		}
		if !slices.Contains(hs, h) {
			hs = append(hs, h)
		}
	}
	if len(hs) == 0 {
		return "the default host"
	}
	return strings.Join(hs, ",")
}

// targets returns where the string connects: per position, the hostaddr
// when one is given (libpq connects to it instead of resolving the host),
// else the host; "" for a position with neither.
func (i *Info) targets() []string {
	n := max(len(i.Hosts), len(i.HostAddrs))
	out := make([]string, n)
	for k := range n {
		if k < len(i.HostAddrs) && i.HostAddrs[k] != "" {
			out[k] = i.HostAddrs[k]
		} else if k < len(i.Hosts) {
			out[k] = i.Hosts[k]
		}
	}
	return out
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

// onlyTemplate reports whether h is a template and nothing else: once the
// template expressions, printf verbs, $VAR references and the SQL
// preprocess's stand-ins are taken out,
// nothing is left, or all of h is one placeholder ("<host>", "{host}",
// "%DB_HOST%").
func onlyTemplate(h string) bool {
	if !IsTemplate(h) {
		return false
	}
	for j := 0; j < len(h); {
		if t := templateEnd(h, j, len(h)); t > j {
			j = t
			continue
		}
		switch {
		case h[j] == '%' && j+1 < len(h) && (h[j+1] == 's' || h[j+1] == 'v'):
			j += 2
		case h[j] == '$' && j+1 < len(h) && (isLetter(h[j+1]) || h[j+1] == '_'):
			j++
			for j < len(h) && isIdentByte(h[j]) {
				j++
			}
		case h[j] == '\x1a': // the SQL preprocess's stand-in inside a literal
			j++
		case strings.HasPrefix(h[j:], "ƍ"): // and outside one, padded with "_"
			j += len("ƍ")
			for j < len(h) && h[j] == '_' {
				j++
			}
		default:
			return wholePlaceholder(h)
		}
	}
	return true
}
