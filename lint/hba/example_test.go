package hba_test

import (
	"fmt"

	"github.com/grantguard/grantguard/lint/hba"
)

func ExampleParse() {
	src := []byte(`# TYPE  DATABASE  USER      ADDRESS                METHOD
local    all       all                              peer
hostssl  all       @admins   0.0.0.0/0              scram-sha-256 clientcert=verify-full
host     all       all       192.168.0.0 255.255.0.0  md5
host     all       all       10.0.0.1  md5
`)
	recs, probs := hba.Parse(src)
	for _, r := range recs {
		pfx, ok := r.Prefix()
		fmt.Printf("line %d: %s %s users=%s prefix=%v(%v)\n", r.Line, r.Type.Value, r.Method.Value, r.Users[0].Value, pfx, ok)
	}
	for _, p := range probs {
		fmt.Printf("line %d: %s\n", p.Line, p.Msg)
	}
	// Output:
	// line 2: local peer users=all prefix=invalid Prefix(false)
	// line 3: hostssl scram-sha-256 users=@admins prefix=0.0.0.0/0(true)
	// line 4: host md5 users=all prefix=192.168.0.0/16(true)
	// line 5: invalid IP mask "md5": write the address as 10.0.0.1/32 or give a netmask such as 255.255.255.0
}
