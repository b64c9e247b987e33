package rules

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/cfgvalue"
	"github.com/grantguard/grantguard/lint/hba"
)

// BroadCIDR flags allowlist entries that admit too much of the internet.
var BroadCIDR = &lint.Rule{
	Meta: lint.Meta{
		ID:       "broad-cidr",
		Severity: lint.Warning,
		Title:    "Allowlist entry admits too many addresses",
		Rationale: "A database should accept connections only from the addresses that need it — the application " +
			"servers, the CI runners, a VPN or bastion — so that a leaked password or an unpatched server " +
			"flaw cannot be used from anywhere else. 0.0.0.0/0, ::/0 and `all` in pg_hba.conf admit the whole " +
			"internet; a public range wider than /24 (IPv6 /48) or a private range wider than 10.0.0.0/8 " +
			"admits far more hosts than anyone reviews. An Azure firewall rule's start–end range is judged by the " +
			"smallest prefix that covers it; 0.0.0.0–0.0.0.0 (\"allow access from Azure services\") admits the " +
			"resources of every Azure customer, not only yours. A cloud security group rule (Terraform " +
			"aws_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule; CloudFormation " +
			"AWS::EC2::SecurityGroup and AWS::EC2::SecurityGroupIngress) is judged when it admits PostgreSQL's " +
			"port 5432 or PgBouncer's 6432 (or every port, or ports not written as literals): a web server's " +
			"443 open to the internet is not a database allowlist.",
		References: []string{
			"PostgreSQL documentation, The pg_hba.conf File — https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
			"PostgreSQL documentation, Connections and Authentication (listen_addresses) — https://www.postgresql.org/docs/current/runtime-config-connection.html",
			"Amazon RDS User Guide, Controlling access with security groups — https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html",
			"AWS CloudFormation, AWS::EC2::SecurityGroupIngress — https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-securitygroupingress.html",
			"Google Cloud SQL for PostgreSQL, Authorize with authorized networks — https://cloud.google.com/sql/docs/postgres/authorize-networks",
			"Azure Database for PostgreSQL flexible server, Firewall rules — https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-firewall-rules",
		},
		Bad:  "allowed_ips:\n  - 0.0.0.0/0\n  - 203.0.113.0/16",
		Good: "allowed_ips:\n  - 10.20.0.0/16      # application subnet\n  - 203.0.113.10/32  # office egress",
		Fix: "List the exact ranges that need access; reach the database over private networking, a VPN " +
			"or a bastion. Approved wider ranges go in [network] allow of .grantguard.toml; the limits " +
			"are [network] max_public_prefix_v4, max_public_prefix_v6 and max_private_prefix_v4.",
		Tags:             []string{"network", "allowlist"},
		Precision:        "high",
		SecuritySeverity: 7.5,
		Kinds:            []lint.Kind{lint.KindConfig, lint.KindHBA, lint.KindGo},
	},
	HBA:   checkBroadCIDRHBA,
	Value: checkBroadCIDRValue,
	Live:  liveBroadCIDR,
}

// privateBlocks are the ranges that are not reachable from the internet.
// The documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
// 2001:db8::/32) are deliberately absent: examples must behave like the
// real public addresses they stand for.
var privateBlocks = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("fc00::/7"),
	netip.MustParsePrefix("fe80::/10"),
	netip.MustParsePrefix("::1/128"),
}

func isPrivate(p netip.Prefix) bool {
	for _, b := range privateBlocks {
		if b.Bits() <= p.Bits() && b.Contains(p.Addr()) {
			return true
		}
	}
	return false
}

// CIDRProblem says what is wrong with an allowlist entry, with the
// severity: error for a prefix that admits every address, warning for one
// wider than the configured limit. ok is false when the entry is fine. The
// Go analyzer shares it with the pg_hba and config checks.
func CIDRProblem(p netip.Prefix, cfg *lint.Config) (sev lint.Severity, msg string, ok bool) {
	p = p.Masked()
	if p.Addr().Is4In6() {
		p = netip.PrefixFrom(p.Addr().Unmap(), max(0, p.Bits()-96))
	}
	for _, a := range cfg.Network.Allow {
		if a.Bits() <= p.Bits() && a.Contains(p.Addr()) {
			return 0, "", false
		}
	}
	if p.Bits() == 0 {
		return lint.Error, fmt.Sprintf("%s admits every %s address", p, family(p)), true
	}
	n := cfg.Network
	switch {
	case isPrivate(p):
		if p.Addr().Is4() && p.Bits() < n.MaxPrivatePrefixV4 {
			return lint.Warning, fmt.Sprintf("private range %s is wider than /%d ([network] max_private_prefix_v4)", p, n.MaxPrivatePrefixV4), true
		}
	case p.Addr().Is4():
		if p.Bits() < n.MaxPublicPrefixV4 {
			return lint.Warning, fmt.Sprintf("public range %s admits %s addresses; the limit is /%d ([network] max_public_prefix_v4)", p, addressCount(p), n.MaxPublicPrefixV4), true
		}
	default:
		if p.Bits() < n.MaxPublicPrefixV6 {
			return lint.Warning, fmt.Sprintf("public range %s is wider than /%d ([network] max_public_prefix_v6)", p, n.MaxPublicPrefixV6), true
		}
	}
	return 0, "", false
}

func family(p netip.Prefix) string {
	if p.Addr().Is4() {
		return "IPv4"
	}
	return "IPv6"
}

func addressCount(p netip.Prefix) string {
	n := uint64(1) << uint(32-p.Bits())
	d := fmt.Sprint(n)
	for i := len(d) - 3; i > 0; i -= 3 {
		d = d[:i] + "," + d[i:]
	}
	return d
}

// ParseCIDR reads an allowlist entry: a CIDR, or a bare address (one host).
func ParseCIDR(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if p, err := netip.ParsePrefix(s); err == nil {
		return p, true
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return netip.PrefixFrom(a, a.BitLen()), true
	}
	return netip.Prefix{}, false
}

// hostRecordTypes are the pg_hba record types that take an address.
var hostRecordTypes = map[string]bool{
	"host": true, "hostssl": true, "hostnossl": true, "hostgssenc": true, "hostnogssenc": true,
}

func checkBroadCIDRHBA(p *lint.FilePass, r *hba.Record) {
	if !hostRecordTypes[r.Type.Value] || r.Address == nil || r.Method.Value == "reject" {
		return
	}
	end := r.Address.Span.End
	if r.Mask != nil {
		end = r.Mask.Span.End
	}
	if r.Address.Value == "all" && !r.Address.Quoted {
		p.ReportRange(r.Address.Span.Start, end, lint.Error, "%s line admits connections from any address (all)", r.Type.Value)
		return
	}
	prefix, ok := r.Prefix()
	if !ok {
		return // a host name, samehost or samenet
	}
	if sev, msg, bad := CIDRProblem(prefix, p.Config); bad {
		p.ReportRange(r.Address.Span.Start, end, sev, "%s line: %s", r.Type.Value, msg)
	}
}

// AllowlistName reports whether a config key or Go identifier names an
// allowlist (README, File kinds): allowed_ips, allow*, *allowlist*,
// *whitelist*, trusted*, authorized_networks, source_ranges,
// loadBalancerSourceRanges.
func AllowlistName(key string) bool {
	k := strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(key))
	switch {
	case strings.HasPrefix(k, "allow"), strings.Contains(k, "allowlist"), strings.Contains(k, "whitelist"),
		strings.HasPrefix(k, "trusted"), k == "authorizednetworks", k == "sourceranges",
		k == "loadbalancersourceranges", strings.HasSuffix(k, "sourceranges"):
		return true
	}
	return false
}

// notAllowlist are path elements under which CIDRs describe where traffic
// goes or what a network is, not who may connect.
var notAllowlist = []string{"egress", "route", "routes", "subnet", "subnets", "vpc", "cidr_block", "destination"}

// cidrContext decides whether a config value is an allowlist entry, from
// its key path (and, for Terraform, the resource type).
func cidrContext(p *lint.FilePass, v *cfgvalue.Value) bool {
	for _, e := range v.Path {
		le := strings.ToLower(e)
		for _, n := range notAllowlist {
			if le == n || strings.HasPrefix(le, "egress") {
				return false
			}
		}
	}
	if p.Format == "terraform" {
		return terraformIngress(p, v)
	}
	if allow, ok := cfnIngress(p, v); ok {
		return allow
	}
	for _, e := range v.Path {
		if AllowlistName(e) {
			return true
		}
	}
	// ingress blocks' cidr_blocks (CloudFormation-style YAML/JSON too).
	return hasElem(v.Path, "ingress") && strings.Contains(strings.ToLower(v.Key), "cidr")
}

func hasElem(path []string, name string) bool {
	for _, e := range path {
		if strings.EqualFold(e, name) {
			return true
		}
	}
	return false
}

// terraformIngress recognises the ingress rules of the Terraform resources
// that open a database to the network.
func terraformIngress(p *lint.FilePass, v *cfgvalue.Value) bool {
	if len(v.Path) < 3 || v.Path[0] != "resource" {
		return false
	}
	key := v.Key
	switch v.Path[1] {
	case "aws_security_group":
		return hasElem(v.Path, "ingress") && (key == "cidr_blocks" || key == "ipv6_cidr_blocks") &&
			ingressReachesPostgres(p, entryPath(v), "from_port", "to_port", "protocol")
	case "aws_security_group_rule":
		t := sibling(p.Values, v, "type")
		if t == nil {
			t = topLevelAttr(p.Values, v, "type")
		}
		return t != nil && t.Text == "ingress" && (key == "cidr_blocks" || key == "ipv6_cidr_blocks") &&
			ingressReachesPostgres(p, v.Path[:3], "from_port", "to_port", "protocol")
	case "aws_vpc_security_group_ingress_rule":
		return (key == "cidr_ipv4" || key == "cidr_ipv6") &&
			ingressReachesPostgres(p, v.Path[:3], "from_port", "to_port", "ip_protocol")
	case "google_sql_database_instance":
		return hasElem(v.Path, "authorized_networks") && key == "value"
	}
	return false
}

// topLevelAttr finds an attribute of the same Terraform resource as v
// (resource, type, name, attr).
func topLevelAttr(values []cfgvalue.Value, v *cfgvalue.Value, name string) *cfgvalue.Value {
	for i := range values {
		o := &values[i]
		if len(o.Path) == 4 && o.Path[0] == v.Path[0] && o.Path[1] == v.Path[1] && o.Path[2] == v.Path[2] && o.Path[3] == name {
			return o
		}
	}
	return nil
}

func checkBroadCIDRValue(p *lint.FilePass, v *cfgvalue.Value) {
	if v.Kind != cfgvalue.String || v.Template {
		return
	}
	if p.Format == "terraform" && checkBroadCIDRCloud(p, v) {
		return
	}
	prefix, ok := ParseCIDR(v.Text)
	if !ok || !cidrContext(p, v) {
		return
	}
	if sev, msg, bad := CIDRProblem(prefix, p.Config); bad {
		p.ReportRange(v.Start, v.End, sev, "%s: %s", v.Key, msg)
	}
}
