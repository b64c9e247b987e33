package conninfo_test

import (
	"fmt"

	"github.com/grantguard/grantguard/lint/conninfo"
)

func ExampleParse() {
	s := "postgresql://app:s3cr%40t@db1:5432,db2:5433/app?sslmode=require"
	info, err := conninfo.Parse(s)
	if err != nil {
		panic(err)
	}
	fmt.Println(info.Form, info.Hosts, info.Password, s[info.PasswordSpan.Start:info.PasswordSpan.End])
	fmt.Println(info.SSLMode, info.Weak(), info.Exempt([]string{"localhost"}))
	// Output:
	// URL [db1 db2] s3cr@t s3cr%40t
	// require true false
}

func ExampleParse_jdbc() {
	// pgjdbc validates certificate and host name for ssl=true; libpq's URI
	// parser reads the same parameter as sslmode=require.
	for _, s := range []string{
		"jdbc:postgresql://db/app?ssl=true",
		"postgresql://db/app?ssl=true",
	} {
		info, _ := conninfo.Parse(s)
		fmt.Println(info.Form, info.SSLMode)
	}
	// Output:
	// JDBC URL verify-full
	// URL require
}

func ExampleFind() {
	line := `psql "host=db.example.com user=app password=hunter2 sslmode=disable" -c 'select 1'`
	for _, m := range conninfo.Find(line) {
		p := m.Info.PasswordSpan // an offset into line, like every span
		fmt.Println(line[m.Span.Start:m.Span.End])
		fmt.Println(line[:p.Start] + "***" + line[p.End:])
		fmt.Println(m.Info.SSLMode, m.Info.HasPassword)
	}
	fmt.Println(len(conninfo.Find("never use sslmode=disable in production")))
	// Output:
	// host=db.example.com user=app password=hunter2 sslmode=disable
	// psql "host=db.example.com user=app password=*** sslmode=disable" -c 'select 1'
	// disable true
	// 0
}

func ExampleIsTemplate() {
	for _, v := range []string{"${DB_PASSWORD}", "{{ .Values.pw }}", "<password>", "changeme"} {
		fmt.Println(v, conninfo.IsTemplate(v))
	}
	// Output:
	// ${DB_PASSWORD} true
	// {{ .Values.pw }} true
	// <password> true
	// changeme false
}
