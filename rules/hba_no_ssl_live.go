package rules

import (
	"net/netip"
	"sort"

	"github.com/grantguard/grantguard/lint"
)

// liveHBANoSSL checks the pg_hba.conf rules the server loaded, and reports
// the client sessions open right now without TLS from another machine
// (pg_stat_ssl): one finding per role, database and address.
func liveHBANoSSL(p *lint.LivePass) {
	p.HBA(checkHBANoSSL)
	count := map[[3]string]int{}
	for _, s := range p.State.Sessions {
		if s.SSL || s.ClientAddr == "" {
			continue
		}
		if a, err := netip.ParseAddr(s.ClientAddr); err == nil && a.Unmap().IsLoopback() {
			continue
		}
		count[[3]string{s.User, s.Database, s.ClientAddr}]++
	}
	keys := make([][3]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		return a[0]+"\x00"+a[1]+"\x00"+a[2] < b[0]+"\x00"+b[1]+"\x00"+b[2]
	})
	for _, k := range keys {
		n := "a session"
		if count[k] > 1 {
			n = "sessions"
		}
		p.Report(lint.Object{Kind: "session", Name: k[0] + "@" + k[1] + " from " + k[2]},
			"%s of %s to database %s from %s without TLS: passwords and data cross the network in clear", n, k[0], k[1], k[2])
	}
}
