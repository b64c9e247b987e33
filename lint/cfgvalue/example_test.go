package cfgvalue_test

import (
	"fmt"
	"strings"

	"github.com/grantguard/grantguard/lint/cfgvalue"
)

func ExampleParseYAML() {
	src := []byte(`default: &default
  adapter: postgresql
  url: "postgres://app:s3cret@db/app"
production:
  <<: *default
  sslmode: disable
`)
	vals, err := cfgvalue.ParseYAML(src)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range vals {
		fmt.Printf("%d %s = %q\n", v.Line, strings.Join(v.Path, "."), v.Text)
		if i := strings.Index(v.Text, "s3cret"); i >= 0 && v.Exact {
			// Exact: an offset into Text is an offset into the file.
			at := v.Start + i
			fmt.Printf("  secret at bytes [%d,%d): %s\n", at, at+len("s3cret"), src[at:at+len("s3cret")])
		}
	}
	// Output:
	// 2 default.adapter = "postgresql"
	// 3 default.url = "postgres://app:s3cret@db/app"
	//   secret at bytes [63,69): s3cret
	// 6 production.sslmode = "disable"
}

func ExampleParseHCL() {
	src := []byte(`resource "aws_security_group" "db" {
  ingress {
    cidr_blocks = ["0.0.0.0/0", var.office]
  }
}
`)
	vals, err := cfgvalue.ParseHCL(src, "main.tf")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range vals {
		fmt.Printf("%s = %q template=%v\n", strings.Join(v.Path, "."), v.Text, v.Template)
	}
	// Output:
	// resource.aws_security_group.db.ingress.[0].cidr_blocks.[0] = "0.0.0.0/0" template=false
	// resource.aws_security_group.db.ingress.[0].cidr_blocks.[1] = "var.office" template=true
}

func ExampleParseEnv() {
	src := []byte("PGPASSWORD=hunter2\nnot a variable\nexport DATABASE_URL='postgres://app@db/app?sslmode=require'\n")
	vals, errs := cfgvalue.ParseEnv(src)
	for _, v := range vals {
		fmt.Printf("%d %s = %q\n", v.Line, v.Key, v.Text)
	}
	for _, e := range errs {
		fmt.Println("error:", e)
	}
	// Output:
	// 1 PGPASSWORD = "hunter2"
	// 3 DATABASE_URL = "postgres://app@db/app?sslmode=require"
	// error: 2:5: unexpected 'a' after not, expecting '='
}
