package pgconf_test

import (
	"fmt"

	"github.com/grantguard/grantguard/lint/pgconf"
)

func ExampleParse() {
	src := []byte(`ssl = on
shared_preload_libraries = 'pg_stat_statements, pgaudit'	# restart needed
pgaudit.log = 'none'
SSL off
include_dir 'conf.d'
listen_addresses = localhost, 10.0.0.1
`)
	f, probs := pgconf.Parse(src)
	ssl := f.Last("ssl")
	on, _ := pgconf.Bool(ssl.Value)
	fmt.Printf("ssl on line %d: %v\n", ssl.Line, on)
	fmt.Println(pgconf.List(f.Last("shared_preload_libraries").Value))
	fmt.Printf("pgaudit.log = %q\n", f.Last("pgaudit.log").Value)
	fmt.Println(f.Includes[0].Directive, f.Includes[0].Path)
	for _, p := range probs {
		fmt.Printf("line %d: %s\n", p.Line, p.Msg)
	}
	// Output:
	// ssl on line 4: false
	// [pg_stat_statements pgaudit]
	// pgaudit.log = "none"
	// include_dir conf.d
	// line 6: unexpected "," after the value of "listen_addresses": quote a value that contains spaces, commas or other punctuation
}
