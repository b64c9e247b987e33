package cidrs

import (
	"net"
	"net/netip"
)

const anywhere = "0.0.0.0/0"

var allowedCIDRs = []string{
	"10.0.0.0/8",
	"0.0.0.0/0",      // want `broad-cidr: allowedCIDRs: 0.0.0.0/0 admits every IPv4 address`
	"203.0.113.0/16", // want `broad-cidr: allowedCIDRs: public range 203.0.0.0/16 admits 65,536 addresses`
}

var trustedNetworks = [2]string{"::/0", "2001:db8::/48"} // want `broad-cidr: trustedNetworks: ::/0 admits every IPv6 address`

type Config struct {
	IPWhitelist []string
	Routes      []string
}

func parse() {
	_, _, _ = net.ParseCIDR("0.0.0.0/0")       // want `broad-cidr: ParseCIDR: 0.0.0.0/0 admits every IPv4 address`
	_ = netip.MustParsePrefix("100.0.0.0/6")   // want `broad-cidr: MustParsePrefix: public range 100.0.0.0/6`
	_, _ = netip.ParsePrefix(anywhere)         // want `broad-cidr: ParsePrefix: 0.0.0.0/0 admits every IPv4 address`
	_, _ = netip.ParsePrefix("192.168.0.0/16") // a private range within the limit
	_ = Config{
		IPWhitelist: []string{"198.51.100.0/22"}, // want `broad-cidr: IPWhitelist: public range 198.51.100.0/22`
		Routes:      []string{"0.0.0.0/0"},       // a default route is not an allowlist
	}
	allowlist := []string{"10.0.0.0/7"} // want `broad-cidr: allowlist: public range 10.0.0.0/7 admits 33,554,432 addresses`
	_ = allowlist
	egress := []string{"0.0.0.0/0"}
	_ = egress
	allowedHosts := []string{"db.example.com", "not a cidr"}
	_ = allowedHosts
	// grantguard:ignore broad-cidr the health checker probes from anywhere
	_, _, _ = net.ParseCIDR("0.0.0.0/0")
}
