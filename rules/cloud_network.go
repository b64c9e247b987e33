package rules

import (
	"encoding/binary"
	"math/bits"
	"net/netip"
	"strconv"
	"strings"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/cfgvalue"
)

// This file gives broad-cidr the allowlists of infrastructure code that
// are not a plain CIDR under an allowlist key: Azure PostgreSQL firewall
// rules (an address range) and the inputs of the terraform-aws-modules
// security-group module (comma-separated CIDRs, ports named by rule).

// checkBroadCIDRCloud checks v when it is an Azure firewall rule's start
// address or a security-group module input, and reports whether it was
// one (so that the generic check leaves it alone).
func checkBroadCIDRCloud(p *lint.FilePass, v *cfgvalue.Value) bool {
	switch {
	case v.Key == "start_ip_address" || v.Key == "start_ip":
		return checkAzureFirewallRange(p, v)
	case len(v.Path) >= 4 && v.Path[0] == "module":
		return checkSecurityGroupModule(p, v)
	}
	return false
}

// azureFirewallRules are the Terraform resources of Azure PostgreSQL
// firewall rules, which admit the addresses start_ip_address to
// end_ip_address.
var azureFirewallRules = map[string]bool{
	"azurerm_postgresql_flexible_server_firewall_rule": true,
	"azurerm_postgresql_firewall_rule":                 true,
	"azurerm_cosmosdb_postgresql_firewall_rule":        true,
}

// checkAzureFirewallRange judges the range of an Azure PostgreSQL firewall
// rule (resource, or an element of the Azure postgresql module's
// firewall_rules) by the smallest prefix that covers it. 0.0.0.0 to
// 0.0.0.0 is Azure's "allow access from Azure services", which admits the
// resources of every Azure customer.
func checkAzureFirewallRange(p *lint.FilePass, v *cfgvalue.Value) bool {
	s, ok := cloudScopeOf(p, v)
	if !ok || p.Format != "terraform" {
		return false
	}
	var end *cfgvalue.Value
	switch {
	case azureFirewallRules[s.kind] && s.depth(v) == 1 && v.Key == "start_ip_address":
		end = s.attr("end_ip_address")
	case s.azurePostgresModule() && v.Key == "start_ip" && s.depth(v) == 3 && v.Path[len(s.prefix)] == "firewall_rules":
		end = sibling(p.Values, v, "end_ip")
	default:
		return false
	}
	if end == nil || end.Kind != cfgvalue.String || end.Template || !cloudLiteral(p, v) {
		return true
	}
	first, err1 := netip.ParseAddr(strings.TrimSpace(v.Text))
	last, err2 := netip.ParseAddr(strings.TrimSpace(end.Text))
	if err1 != nil || err2 != nil || !first.Is4() || !last.Is4() || last.Less(first) {
		return true
	}
	stop := v.End
	if end.Start > v.Start {
		stop = end.End
	}
	if first.IsUnspecified() && last.IsUnspecified() {
		p.ReportRange(v.Start, stop, lint.Warning, "firewall rule 0.0.0.0–0.0.0.0 allows access from Azure services: the resources of every Azure customer, not only yours")
		return true
	}
	prefix := coveringPrefix(first, last)
	if sev, msg, bad := CIDRProblem(prefix, p.Config); bad {
		p.ReportRange(v.Start, stop, sev, "firewall rule %s–%s: %s", first, last, msg)
	}
	return true
}

// coveringPrefix returns the smallest IPv4 prefix holding first and last.
func coveringPrefix(first, last netip.Addr) netip.Prefix {
	a, b := first.As4(), last.As4()
	common := bits.LeadingZeros32(binary.BigEndian.Uint32(a[:]) ^ binary.BigEndian.Uint32(b[:]))
	p, _ := first.Prefix(common)
	return p
}

// postgresRules are the named rules of the security-group module that
// open PostgreSQL's port.
var postgresRules = map[string]bool{"postgresql-tcp": true, "all-all": true, "all-tcp": true}

// checkSecurityGroupModule checks the ingress inputs of the
// terraform-aws-modules security-group module that open PostgreSQL's
// port: ingress_cidr_blocks (applied to ingress_rules, or to every rule of
// the postgresql submodule) and the cidr_blocks of ingress_with_cidr_blocks
// entries, IPv6 and computed_ variants included. Egress inputs are never
// allowlists.
func checkSecurityGroupModule(p *lint.FilePass, v *cfgvalue.Value) bool {
	input := strings.TrimPrefix(v.Path[2], "computed_")
	rel := v.Path[2:]
	switch {
	case (input == "ingress_cidr_blocks" || input == "ingress_ipv6_cidr_blocks") && len(rel) == 2:
		s, _ := cloudScopeOf(p, v)
		entries, key := "ingress_with_cidr_blocks", "cidr_blocks"
		if input == "ingress_ipv6_cidr_blocks" {
			entries, key = "ingress_with_ipv6_cidr_blocks", "ipv6_cidr_blocks"
		}
		if cloudLiteral(p, v) && (sgRulesOpenPostgres(s) || sgEntriesWithoutCIDROpenPostgres(p, s, entries, key)) {
			reportCIDRList(p, v)
		}
		return true
	case (input == "ingress_with_cidr_blocks" || input == "ingress_with_ipv6_cidr_blocks") && len(rel) == 3 &&
		(v.Key == "cidr_blocks" || v.Key == "ipv6_cidr_blocks"):
		if cloudLiteral(p, v) && sgEntryOpensPostgres(p, v) {
			reportCIDRList(p, v)
		}
		return true
	}
	return false
}

// sgRulesOpenPostgres reports whether the module's ingress_cidr_blocks
// reach PostgreSQL's port: in the postgresql submodule always, else when
// ingress_rules (or computed_ingress_rules) names a rule that opens it or
// is not a literal.
func sgRulesOpenPostgres(s cloudScope) bool {
	if strings.HasSuffix(strings.TrimSuffix(s.moduleSource(), "/"), "modules/postgresql") {
		return true
	}
	for i := range s.values {
		o := &s.values[i]
		if len(o.Path) < 3 || !samePath(o.Path[:2], s.prefix) {
			continue
		}
		if in := o.Path[2]; in != "ingress_rules" && in != "computed_ingress_rules" {
			continue
		}
		if o.Template || o.Kind == cfgvalue.String && postgresRules[o.Text] {
			return true
		}
	}
	return false
}

// sgEntriesWithoutCIDROpenPostgres reports whether an entry of the
// module's entries input (ingress_with_cidr_blocks) that gives no key
// (cidr_blocks) of its own, and so takes the module's default list, opens
// PostgreSQL's port.
func sgEntriesWithoutCIDROpenPostgres(p *lint.FilePass, s cloudScope, entries, key string) bool {
	var entry []string        // path of the entry being read
	var first *cfgvalue.Value // its first value
	hasKey := false
	done := func() bool { return first != nil && !hasKey && sgEntryOpensPostgres(p, first) }
	for i := range s.values {
		o := &s.values[i]
		if len(o.Path) != len(s.prefix)+3 || !samePath(o.Path[:len(s.prefix)], s.prefix) ||
			strings.TrimPrefix(o.Path[len(s.prefix)], "computed_") != entries {
			continue
		}
		if e := o.Path[:len(s.prefix)+2]; !samePath(e, entry) {
			if done() {
				return true
			}
			entry, first, hasKey = e, o, false
		}
		hasKey = hasKey || o.Key == key
	}
	return done()
}

// sgEntryOpensPostgres reports whether an ingress_with_cidr_blocks entry
// opens PostgreSQL's port: by its rule, or by its from_port–to_port range
// and protocol. What is not a literal may open it.
func sgEntryOpensPostgres(p *lint.FilePass, v *cfgvalue.Value) bool {
	if r := sibling(p.Values, v, "rule"); r != nil {
		return r.Template || postgresRules[r.Text]
	}
	return ingressReachesPostgres(p, entryPath(v), "from_port", "to_port", "protocol")
}

// postgresPorts are the ports an allowlist is judged for: PostgreSQL's
// and PgBouncer's defaults. An ingress rule for other ports (a web
// server's 443) is not about database access.
var postgresPorts = []int{5432, 6432}

// ingressReachesPostgres reports whether the ingress rule whose attributes
// are at entry (a block, an object, a resource's top level) admits TCP to
// one of postgresPorts: all protocols ("-1", "all"), or TCP with a port
// range that covers one. What is absent or not a literal may admit it.
func ingressReachesPostgres(p *lint.FilePass, entry []string, fromKey, toKey, protoKey string) bool {
	if proto, ok := literalAttr(p, entry, protoKey); ok {
		switch strings.ToLower(proto) {
		case "-1", "all":
			return true
		case "udp", "17", "icmp", "1", "icmpv6", "58":
			return false
		}
	}
	fromText, ok1 := literalAttr(p, entry, fromKey)
	toText, ok2 := literalAttr(p, entry, toKey)
	from, err1 := strconv.Atoi(strings.TrimSpace(fromText))
	to, err2 := strconv.Atoi(strings.TrimSpace(toText))
	if !ok1 || !ok2 || err1 != nil || err2 != nil || from == -1 {
		return true
	}
	for _, port := range postgresPorts {
		if from <= port && port <= to {
			return true
		}
	}
	return false
}

// literalAttr returns the scalar written at entry.key (the key compared
// without regard to case), and whether it is there as a literal: not an
// HCL expression, not a YAML scalar carrying a CloudFormation tag (!Ref).
func literalAttr(p *lint.FilePass, entry []string, key string) (string, bool) {
	for i := range p.Values {
		o := &p.Values[i]
		if len(o.Path) != len(entry)+1 || !strings.EqualFold(o.Key, key) || !samePath(o.Path[:len(entry)], entry) {
			continue
		}
		if o.Template || p.Format == "yaml" && yamlTagged(p.File.Src, o.Start) {
			return "", false
		}
		return o.Text, true
	}
	return "", false
}

// entryPath is the path of the block or object v's key is written in: v's
// path without the list indexes after its key and without the key.
func entryPath(v *cfgvalue.Value) []string {
	path := v.Path
	for len(path) > 0 && strings.HasPrefix(path[len(path)-1], "[") {
		path = path[:len(path)-1]
	}
	if len(path) > 0 {
		path = path[:len(path)-1]
	}
	return path
}

// cfnIngress decides, for a value of a CloudFormation template, whether it
// is the CIDR of a security group ingress rule that reaches PostgreSQL
// (AWS::EC2::SecurityGroup SecurityGroupIngress entries and
// AWS::EC2::SecurityGroupIngress resources, CidrIp and CidrIpv6); ok is
// false for values of other resources.
func cfnIngress(p *lint.FilePass, v *cfgvalue.Value) (allow, ok bool) {
	s, in := cloudScopeOf(p, v)
	if !in || !s.cfn {
		return false, false
	}
	cidrKey := v.Key == "CidrIp" || v.Key == "CidrIpv6"
	rel := v.Path[len(s.prefix):]
	switch s.kind {
	case "AWS::EC2::SecurityGroup":
		if rel[0] != "SecurityGroupIngress" {
			return false, rel[0] == "SecurityGroupEgress"
		}
		return cidrKey && len(rel) == 3 && cloudLiteral(p, v) &&
			ingressReachesPostgres(p, entryPath(v), "FromPort", "ToPort", "IpProtocol"), true
	case "AWS::EC2::SecurityGroupIngress":
		return cidrKey && len(rel) == 1 && cloudLiteral(p, v) &&
			ingressReachesPostgres(p, s.prefix, "FromPort", "ToPort", "IpProtocol"), true
	case "AWS::EC2::SecurityGroupEgress":
		return false, true
	}
	return false, false
}

// reportCIDRList judges each CIDR of a comma-separated list, as the
// security-group module splits its cidr_blocks strings.
func reportCIDRList(p *lint.FilePass, v *cfgvalue.Value) {
	off := 0
	for part := range strings.SplitSeq(v.Text, ",") {
		a, b := off, off+len(part)
		off = b + 1
		prefix, ok := ParseCIDR(part)
		if !ok {
			continue
		}
		lead := len(part) - len(strings.TrimLeft(part, " \t"))
		start, end := valueSpan(v, a+lead, a+len(strings.TrimRight(part, " \t")))
		if sev, msg, bad := CIDRProblem(prefix, p.Config); bad {
			p.ReportRange(start, end, sev, "%s: %s", v.Key, msg)
		}
	}
}
