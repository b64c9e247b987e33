package lint

import (
	"slices"
	"strings"
	"testing"

	"github.com/grantguard/grantguard/lint/hba"
	"github.com/grantguard/grantguard/lint/live"
)

// hbaSeen runs LivePass.HBA over rules with a check that records each
// record it is given and reports one finding on it.
func hbaSeen(rules []live.HBARule) (records []hba.Record, findings []Finding) {
	r := &Rule{Meta: Meta{ID: "probe", Severity: Warning}}
	p := &LivePass{rule: r, State: &live.State{HBA: rules}, Config: DefaultConfig(), out: &findings}
	p.HBA(func(fp *FilePass, rec *hba.Record) {
		records = append(records, *rec)
		fp.Report(rec.Method.Span.Start, rec.Method.Span.End, "seen")
	})
	return records, findings
}

func TestLiveHBALines(t *testing.T) {
	rules := []live.HBARule{
		{Line: 3, Type: "local", Databases: []string{"all"}, Users: []string{"postgres"}, Method: "peer"},
		{Line: 7, Type: "hostssl", Databases: []string{"shop", "my db"}, Users: []string{"+admins", "app user"},
			Address: "10.1.0.0", Netmask: "255.255.0.0", Method: "scram-sha-256", Options: []string{"clientcert=verify-full"}},
		{Line: 8, Type: "host", Databases: []string{"all"}, Users: []string{"all"}, Address: "::1",
			Netmask: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Method: "trust"},
		{Line: 9, Type: "host", Databases: []string{"all"}, Users: []string{"all"}, Address: "samenet", Method: "md5"},
		{Line: 10, Type: "host", Databases: []string{"all"}, Users: []string{"all"}, Address: "192.0.2.1", Netmask: "255.255.255.255", Method: "md5"},
		{Line: 11, Type: "host", Databases: []string{"all"}, Users: []string{"all"}, Address: "10.0.0.0", Netmask: "255.0.0.0", Method: "bogus",
			Error: `invalid authentication method "bogus"`},
		{Line: 12, Type: "host", Databases: []string{"all"}, Users: []string{"all"}, Address: "ldap.example.com", Method: "ldap",
			Options: []string{"ldapserver=ldap.example.com", "ldapbindpasswd=" + live.Redacted}},
	}
	records, findings := hbaSeen(rules)
	got := make([]string, len(records))
	for i, r := range records {
		var parts []string
		for _, f := range r.Databases {
			parts = append(parts, f.Value)
		}
		parts = append(parts, "|")
		for _, f := range r.Users {
			parts = append(parts, f.Value)
		}
		if r.Address != nil {
			parts = append(parts, "| "+r.Address.Value)
		}
		if r.Mask != nil {
			parts = append(parts, r.Mask.Value)
		}
		got[i] = r.Type.Value + " " + strings.Join(parts, " ") + " | " + r.Method.Value
	}
	want := []string{
		"local all | postgres | peer",
		"hostssl shop my db | +admins app user | 10.1.0.0/16 | scram-sha-256",
		"host all | all | ::1/128 | trust",
		"host all | all | samenet | md5",
		"host all | all | 192.0.2.1/32 | md5",
		"host all | all | ldap.example.com | ldap",
	}
	if !slices.Equal(got, want) {
		t.Errorf("records:\n got: %q\nwant: %q", got, want)
	}
	var lines []string
	for _, f := range findings {
		lines = append(lines, f.Object.String())
	}
	if w := []string{"pg_hba.conf:3", "pg_hba.conf:7", "pg_hba.conf:8", "pg_hba.conf:9", "pg_hba.conf:10", "pg_hba.conf:12"}; !slices.Equal(lines, w) {
		t.Errorf("finding locations %q, want %q (the line the server reports; a line it rejected is left out)", lines, w)
	}
}

// FuzzLiveHBA writes arbitrary pg_hba_file_rules rows as lines and parses
// them back: never a panic, every finding on a server line, and a row of
// plain fields read back as it was.
func FuzzLiveHBA(f *testing.F) {
	f.Add("host", "all", "app", "10.0.0.0", "255.0.0.0", "md5", "clientcert=verify-ca")
	f.Add("local", "sameuser", "+g", "", "", "peer", "")
	f.Add("hostssl", "a,b", "\"x y\"", "::1", "ffff::", "trust", "k=\"v w\"")
	f.Fuzz(func(t *testing.T, typ, db, user, addr, mask, method, opt string) {
		row := live.HBARule{Line: 42, Type: typ, Databases: []string{db}, Users: []string{user}, Address: addr, Netmask: mask, Method: method}
		if opt != "" {
			row.Options = []string{opt}
		}
		records, findings := hbaSeen([]live.HBARule{row})
		for _, fd := range findings {
			if fd.Object.String() != "pg_hba.conf:42" && fd.Object.String() != "pg_hba.conf:?" {
				t.Fatalf("finding on %s", fd.Object)
			}
		}
		plain := func(s string) bool {
			return s != "" && !strings.ContainsAny(s, " \t\r\n\",#\\/=@+") && !strings.HasPrefix(s, "include")
		}
		if typ != "host" || !plain(db) || !plain(user) || !plain(addr) || !plain(method) || mask != "" || opt != "" {
			return
		}
		if len(records) != 1 {
			t.Fatalf("%+v: %d records", row, len(records))
		}
		r := records[0]
		if r.Type.Value != typ || r.Method.Value != method || len(r.Databases) != 1 || r.Databases[0].Value != db ||
			len(r.Users) != 1 || r.Users[0].Value != user || r.Address == nil || r.Address.Value != addr {
			t.Fatalf("%+v read back as %+v", row, r)
		}
	})
}
