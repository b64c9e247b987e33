package conninfo

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// none marks an absent span in the tables below.
const none = "\x00none"

var defaultExempt = []string{"localhost", "127.0.0.1", "::1"}

type parseCase struct {
	in     string
	form   Form
	hosts  []string
	addrs  []string // nil: no hostaddr
	user   string
	db     string
	pw     string // Info.Password
	hasPW  bool
	rawPW  string // in[PasswordSpan], or none
	mode   string
	rawMod string // in[SSLModeSpan], or none
	weak   bool
	exempt bool // with defaultExempt
}

var parseCases = []parseCase{
	// libpq key=value.
	{in: "host=db.internal port=5432 dbname=app user=app password=s3cret sslmode=verify-full",
		form: KeyValue, hosts: []string{"db.internal"}, user: "app", db: "app",
		pw: "s3cret", hasPW: true, rawPW: "s3cret", mode: "verify-full", rawMod: "verify-full"},
	{in: `host = db  user = app password = 'it\'s a \\ secret' sslmode = require`,
		form: KeyValue, hosts: []string{"db"}, user: "app",
		pw: `it's a \ secret`, hasPW: true, rawPW: `it\'s a \\ secret`, mode: "require", rawMod: "require", weak: true},
	{in: "  host=localhost sslmode=disable  ", form: KeyValue, hosts: []string{"localhost"},
		rawPW: none, mode: "disable", rawMod: "disable", weak: true, exempt: true},
	{in: "host=/var/run/postgresql dbname=app", form: KeyValue, hosts: []string{"/var/run/postgresql"},
		db: "app", rawPW: none, rawMod: none, exempt: true},
	{in: "dbname=app user=app", form: KeyValue, hosts: []string{}, user: "app", db: "app",
		rawPW: none, rawMod: none, exempt: true},
	{in: "host=db1,db2 port=5432,5433 user=x", form: KeyValue, hosts: []string{"db1", "db2"},
		user: "x", rawPW: none, rawMod: none},
	{in: "host=localhost hostaddr=10.1.2.3 user=x", form: KeyValue, hosts: []string{"localhost"},
		addrs: []string{"10.1.2.3"}, user: "x", rawPW: none, rawMod: none},
	{in: "host=db.example.com hostaddr=127.0.0.1", form: KeyValue, hosts: []string{"db.example.com"},
		addrs: []string{"127.0.0.1"}, rawPW: none, rawMod: none, exempt: true},
	{in: "host=db password=", form: KeyValue, hosts: []string{"db"}, rawPW: "", rawMod: none},
	{in: "host=db password=''", form: KeyValue, hosts: []string{"db"}, rawPW: "", rawMod: none},
	{in: "host=db password=${PGPASSWORD}", form: KeyValue, hosts: []string{"db"},
		pw: "${PGPASSWORD}", rawPW: "${PGPASSWORD}", rawMod: none},
	{in: "host=db password=$PGPASSWORD", form: KeyValue, hosts: []string{"db"},
		pw: "$PGPASSWORD", rawPW: "$PGPASSWORD", rawMod: none},
	{in: "host=%s password=%s", form: KeyValue, hosts: []string{"%s"}, pw: "%s", rawPW: "%s", rawMod: none},
	{in: "host=db password='<password>'", form: KeyValue, hosts: []string{"db"},
		pw: "<password>", rawPW: "<password>", rawMod: none},
	{in: "host=db password=****", form: KeyValue, hosts: []string{"db"}, pw: "****", rawPW: "****", rawMod: none},
	{in: "host=db password={{ .Values.pw }} user=app", form: KeyValue, hosts: []string{"db"}, user: "app",
		pw: "{{ .Values.pw }}", rawPW: "{{ .Values.pw }}", rawMod: none},
	{in: "host=db password=changeme", form: KeyValue, hosts: []string{"db"},
		pw: "changeme", hasPW: true, rawPW: "changeme", rawMod: none},
	{in: `host=db password=pa\ ss`, form: KeyValue, hosts: []string{"db"},
		pw: "pa ss", hasPW: true, rawPW: `pa\ ss`, rawMod: none},
	{in: "host=db password=\xceor\xff", form: KeyValue, hosts: []string{"db"},
		pw: "\xceor\xff", hasPW: true, rawPW: "\xceor\xff", rawMod: none},
	{in: "host=db requiressl=1", form: KeyValue, hosts: []string{"db"}, rawPW: none,
		mode: "require", rawMod: "1", weak: true},
	{in: "host=db requiressl=0", form: KeyValue, hosts: []string{"db"}, rawPW: none,
		mode: "prefer", rawMod: "0", weak: true},
	{in: "host=db sslmode=verify-full requiressl=1", form: KeyValue, hosts: []string{"db"}, rawPW: none,
		mode: "require", rawMod: "1", weak: true},
	{in: "host=db requiressl=1 sslmode=verify-full", form: KeyValue, hosts: []string{"db"}, rawPW: none,
		mode: "verify-full", rawMod: "verify-full"},
	{in: "host=db sslrootcert=system", form: KeyValue, hosts: []string{"db"}, rawPW: none,
		mode: "verify-full", rawMod: "system"},
	{in: "host=db sslrootcert=system sslmode=require", form: KeyValue, hosts: []string{"db"}, rawPW: none,
		mode: "require", rawMod: "require", weak: true},
	{in: "host=db sslrootcert=system sslrootcert=/etc/ca.pem", form: KeyValue, hosts: []string{"db"},
		rawPW: none, rawMod: none},
	{in: "host=db sslmode=REQUIRE", form: KeyValue, hosts: []string{"db"}, rawPW: none,
		mode: "require", rawMod: "REQUIRE", weak: true},
	{in: "host=db sslmode=verify-ca", form: KeyValue, hosts: []string{"db"}, rawPW: none,
		mode: "verify-ca", rawMod: "verify-ca", weak: true},
	{in: "host=db sslmode=disable sslmode=", form: KeyValue, hosts: []string{"db"}, rawPW: none, rawMod: none},
	{in: "host=db sslmode=${PGSSLMODE}", form: KeyValue, hosts: []string{"db"}, rawPW: none,
		mode: "${PGSSLMODE}", rawMod: "${PGSSLMODE}"},
	// ssl is not a libpq keyword: no alias in key=value form.
	{in: "host=db ssl=true", form: KeyValue, hosts: []string{"db"}, rawPW: none, rawMod: none},
	{in: "host=::1 sslmode=disable", form: KeyValue, hosts: []string{"::1"}, rawPW: none,
		mode: "disable", rawMod: "disable", weak: true, exempt: true},
	{in: "host=127.0.0.2 user=x", form: KeyValue, hosts: []string{"127.0.0.2"}, user: "x",
		rawPW: none, rawMod: none, exempt: true},
	{in: "password='a b' host=db pool_max_conns=10", form: KeyValue, hosts: []string{"db"},
		pw: "a b", hasPW: true, rawPW: "a b", rawMod: none},
	{in: "host=db sslpassword=keypass", form: KeyValue, hosts: []string{"db"}, rawPW: none, rawMod: none},
	// A bare template among the pairs stands for further pairs, which may
	// set sslmode; an sslmode written out still wins.
	{in: "host=%s port=%s dbname=app ${PGOPTIONS}", form: KeyValue, hosts: []string{"%s"}, db: "app",
		rawPW: none, mode: "${PGOPTIONS}", rawMod: "${PGOPTIONS}"},
	{in: "host=db {{ .Extra }} user=app", form: KeyValue, hosts: []string{"db"}, user: "app",
		rawPW: none, mode: "{{ .Extra }}", rawMod: "{{ .Extra }}"},
	{in: "host=db $PGOPTS", form: KeyValue, hosts: []string{"db"}, rawPW: none, mode: "$PGOPTS", rawMod: "$PGOPTS"},
	{in: "host=db sslmode=disable %s", form: KeyValue, hosts: []string{"db"}, rawPW: none,
		mode: "disable", rawMod: "disable", weak: true},
	// A value that names a password is no password.
	{in: "host=db user=app password=password", form: KeyValue, hosts: []string{"db"}, user: "app",
		pw: "password", rawPW: "password", rawMod: none},
	{in: "host=db password=PASSWORD_HASH", form: KeyValue, hosts: []string{"db"},
		pw: "PASSWORD_HASH", rawPW: "PASSWORD_HASH", rawMod: none},
	{in: "host=db password=password1", form: KeyValue, hosts: []string{"db"},
		pw: "password1", hasPW: true, rawPW: "password1", rawMod: none},

	// libpq URIs.
	{in: "postgres://app:s3cret@db.example.com:5432/app?sslmode=require",
		form: URL, hosts: []string{"db.example.com"}, user: "app", db: "app",
		pw: "s3cret", hasPW: true, rawPW: "s3cret", mode: "require", rawMod: "require", weak: true},
	{in: "postgresql://app:p%40ss%2Fw0rd@db/app", form: URL, hosts: []string{"db"}, user: "app", db: "app",
		pw: "p@ss/w0rd", hasPW: true, rawPW: "p%40ss%2Fw0rd", rawMod: none},
	{in: "postgres://app:${DB_PASSWORD}@db/app", form: URL, hosts: []string{"db"}, user: "app", db: "app",
		pw: "${DB_PASSWORD}", rawPW: "${DB_PASSWORD}", rawMod: none},
	{in: "postgres://${DB_USER:-app}@${DB_HOST:-localhost}:5432/app", form: URL,
		hosts: []string{"${DB_HOST:-localhost}"}, user: "${DB_USER:-app}", db: "app", rawPW: none, rawMod: none},
	{in: "postgres://u:${PW:-x@y}@db/app", form: URL, hosts: []string{"db"}, user: "u", db: "app",
		pw: "${PW:-x@y}", rawPW: "${PW:-x@y}", rawMod: none},
	{in: "postgres://u:%s@db/app", form: URL, hosts: []string{"db"}, user: "u", db: "app",
		pw: "%s", rawPW: "%s", rawMod: none},
	{in: "postgres://u:@h/db", form: URL, hosts: []string{"h"}, user: "u", db: "db", rawPW: "", rawMod: none},
	{in: "postgres://u@h/db", form: URL, hosts: []string{"h"}, user: "u", db: "db", rawPW: none, rawMod: none},
	{in: "postgresql://h1:5432,h2:5433,[2001:db8::1]:5434/db?target_session_attrs=read-write",
		form: URL, hosts: []string{"h1", "h2", "2001:db8::1"}, db: "db", rawPW: none, rawMod: none},
	{in: "postgresql://[::1]:5432/db", form: URL, hosts: []string{"::1"}, db: "db",
		rawPW: none, rawMod: none, exempt: true},
	{in: "postgresql://%2Fvar%2Frun%2Fpostgresql/db", form: URL, hosts: []string{"/var/run/postgresql"},
		db: "db", rawPW: none, rawMod: none, exempt: true},
	{in: "postgresql:///db?host=/tmp", form: URL, hosts: []string{"/tmp"}, db: "db",
		rawPW: none, rawMod: none, exempt: true},
	{in: "postgresql://db.example.com/app?host=%2Ftmp", form: URL, hosts: []string{"/tmp"}, db: "app",
		rawPW: none, rawMod: none, exempt: true},
	{in: "postgresql:///db", form: URL, hosts: []string{}, db: "db", rawPW: none, rawMod: none, exempt: true},
	{in: "postgresql://", form: URL, hosts: []string{}, rawPW: none, rawMod: none, exempt: true},
	{in: "postgres://db.example.com/app?ssl=true", form: URL, hosts: []string{"db.example.com"}, db: "app",
		rawPW: none, mode: "require", rawMod: "true", weak: true},
	{in: "postgres://db/app?ssl=1", form: URL, hosts: []string{"db"}, db: "app", rawPW: none, rawMod: none},
	{in: "postgres://db/app?requiressl=1", form: URL, hosts: []string{"db"}, db: "app", rawPW: none,
		mode: "require", rawMod: "1", weak: true},
	{in: "postgres://db/app?sslrootcert=system", form: URL, hosts: []string{"db"}, db: "app", rawPW: none,
		mode: "verify-full", rawMod: "system"},
	{in: "postgres://db/app?sslmode=verify%2Dfull", form: URL, hosts: []string{"db"}, db: "app", rawPW: none,
		mode: "verify-full", rawMod: "verify%2Dfull"},
	{in: "postgres://u:pw@db/app?sslmode=no-verify", form: URL, hosts: []string{"db"}, user: "u", db: "app",
		pw: "pw", hasPW: true, rawPW: "pw", mode: "no-verify", rawMod: "no-verify", weak: true},
	{in: "postgres://u:userinfo@db/app?password=query", form: URL, hosts: []string{"db"}, user: "u", db: "app",
		pw: "query", hasPW: true, rawPW: "query", rawMod: none},
	{in: "postgres://u:literal@db/app?password=${PW}", form: URL, hosts: []string{"db"}, user: "u", db: "app",
		pw: "literal", hasPW: true, rawPW: "literal", rawMod: none},
	{in: "postgres://db/app?password=a%3Db==", form: URL, hosts: []string{"db"}, db: "app",
		pw: "a=b==", hasPW: true, rawPW: "a%3Db==", rawMod: none},
	{in: "postgres://admin@srv:p@ss@srv.postgres.database.azure.com/db", form: URL,
		hosts: []string{"srv.postgres.database.azure.com"}, user: "admin@srv", db: "db",
		pw: "p@ss", hasPW: true, rawPW: "p@ss", rawMod: none},
	{in: "postgres://db:5432?sslmode=require&user=a@corp", form: URL, hosts: []string{"db"}, user: "a@corp",
		rawPW: none, mode: "require", rawMod: "require", weak: true},
	{in: "postgresql+psycopg2://scott:tiger@db/test", form: URL, hosts: []string{"db"}, user: "scott",
		db: "test", pw: "tiger", hasPW: true, rawPW: "tiger", rawMod: none},
	{in: "POSTGRES://u:p@LocalHost/app", form: URL, hosts: []string{"LocalHost"}, user: "u", db: "app",
		pw: "p", hasPW: true, rawPW: "p", rawMod: none, exempt: true},
	{in: "postgres://h/db?sslmode=disable&sslmode=verify-full", form: URL, hosts: []string{"h"}, db: "db",
		rawPW: none, mode: "verify-full", rawMod: "verify-full"},
	{in: "postgres://%s:%s@%s/%s?%s", form: URL, hosts: []string{"%s"}, user: "%s", db: "%s",
		pw: "%s", rawPW: "%s", mode: "%s", rawMod: "%s"},
	{in: "postgres://u@db/app?${PGPARAMS}&application_name=x", form: URL, hosts: []string{"db"}, user: "u",
		db: "app", rawPW: none, mode: "${PGPARAMS}", rawMod: "${PGPARAMS}"},
	{in: "postgres://u@db/app?%s&sslmode=require", form: URL, hosts: []string{"db"}, user: "u", db: "app",
		rawPW: none, mode: "require", rawMod: "require", weak: true},
	{in: "postgres://user:password@db/app", form: URL, hosts: []string{"db"}, user: "user", db: "app",
		pw: "password", rawPW: "password", rawMod: none},

	// pgjdbc URLs.
	{in: "jdbc:postgresql://db:5432/app?user=x&password=y&ssl=true&sslmode=require", form: JDBC,
		hosts: []string{"db"}, user: "x", db: "app", pw: "y", hasPW: true, rawPW: "y",
		mode: "require", rawMod: "require", weak: true},
	{in: "jdbc:postgresql://db/app?sslmode=require&ssl=true", form: JDBC, hosts: []string{"db"}, db: "app",
		rawPW: none, mode: "require", rawMod: "require", weak: true},
	{in: "jdbc:postgresql://db/app?ssl=true", form: JDBC, hosts: []string{"db"}, db: "app",
		rawPW: none, mode: "verify-full", rawMod: "true"},
	{in: "jdbc:postgresql://db/app?ssl=TRUE", form: JDBC, hosts: []string{"db"}, db: "app",
		rawPW: none, mode: "verify-full", rawMod: "TRUE"},
	{in: "jdbc:postgresql://db/app?ssl", form: JDBC, hosts: []string{"db"}, db: "app",
		rawPW: none, mode: "verify-full", rawMod: ""},
	{in: "jdbc:postgresql://db/app?ssl=false", form: JDBC, hosts: []string{"db"}, db: "app",
		rawPW: none, mode: "prefer", rawMod: "false", weak: true},
	{in: "jdbc:postgresql://db/app?sslmode=verify-full&ssl=false", form: JDBC, hosts: []string{"db"}, db: "app",
		rawPW: none, mode: "verify-full", rawMod: "verify-full"},
	{in: "jdbc:postgresql://db/app?ssl=true&sslfactory=org.postgresql.ssl.NonValidatingFactory", form: JDBC,
		hosts: []string{"db"}, db: "app", rawPW: none, mode: "require",
		rawMod: "org.postgresql.ssl.NonValidatingFactory", weak: true},
	{in: "jdbc:postgresql://db/app?sslmode=DISABLE", form: JDBC, hosts: []string{"db"}, db: "app",
		rawPW: none, mode: "disable", rawMod: "DISABLE", weak: true},
	{in: "jdbc:postgresql:app", form: JDBC, hosts: []string{"localhost"}, db: "app",
		rawPW: none, rawMod: none, exempt: true},
	{in: "jdbc:postgresql:app?user=x&password=y", form: JDBC, hosts: []string{"localhost"}, user: "x", db: "app",
		pw: "y", hasPW: true, rawPW: "y", rawMod: none, exempt: true},
	{in: "jdbc:postgresql:///app", form: JDBC, hosts: []string{"localhost"}, db: "app",
		rawPW: none, rawMod: none, exempt: true},
	{in: "jdbc:postgresql://[::1]:5740/accounting", form: JDBC, hosts: []string{"::1"}, db: "accounting",
		rawPW: none, rawMod: none, exempt: true},
	{in: "jdbc:postgresql://h1:5432,h2:5432/db?password=a+b%21", form: JDBC, hosts: []string{"h1", "h2"},
		db: "db", pw: "a b!", hasPW: true, rawPW: "a+b%21", rawMod: none},
	{in: "jdbc:postgresql://u:pw@db/app", form: JDBC, hosts: []string{"db"}, user: "u", db: "app",
		pw: "pw", hasPW: true, rawPW: "pw", rawMod: none},
	{in: "jdbc:postgresql://db/app?host=/tmp&sslrootcert=system", form: JDBC, hosts: []string{"db"}, db: "app",
		rawPW: none, rawMod: none},
}

func spanText(s string, sp Span) string {
	if sp == (Span{-1, -1}) {
		return none
	}
	if !sp.IsValid() || sp.End > len(s) {
		return "<bad span>"
	}
	return s[sp.Start:sp.End]
}

func TestParse(t *testing.T) {
	for _, c := range parseCases {
		t.Run(c.in, func(t *testing.T) {
			in, err := Parse(c.in)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if in.Form != c.form {
				t.Errorf("Form = %v, want %v", in.Form, c.form)
			}
			if in.Hosts == nil || !slices.Equal(in.Hosts, c.hosts) {
				t.Errorf("Hosts = %#v, want %#v", in.Hosts, c.hosts)
			}
			if !slices.Equal(in.HostAddrs, c.addrs) || (in.HostAddrs == nil) != (c.addrs == nil) {
				t.Errorf("HostAddrs = %#v, want %#v", in.HostAddrs, c.addrs)
			}
			if in.User != c.user || in.DBName != c.db {
				t.Errorf("User, DBName = %q, %q, want %q, %q", in.User, in.DBName, c.user, c.db)
			}
			if in.Password != c.pw || in.HasPassword != c.hasPW {
				t.Errorf("Password, HasPassword = %q, %v, want %q, %v", in.Password, in.HasPassword, c.pw, c.hasPW)
			}
			if got := spanText(c.in, in.PasswordSpan); got != c.rawPW {
				t.Errorf("in[PasswordSpan] = %q, want %q", got, c.rawPW)
			}
			if in.SSLMode != c.mode {
				t.Errorf("SSLMode = %q, want %q", in.SSLMode, c.mode)
			}
			if got := spanText(c.in, in.SSLModeSpan); got != c.rawMod {
				t.Errorf("in[SSLModeSpan] = %q, want %q", got, c.rawMod)
			}
			if in.Weak() != c.weak {
				t.Errorf("Weak() = %v, want %v", in.Weak(), c.weak)
			}
			if got := in.Exempt(defaultExempt); got != c.exempt {
				t.Errorf("Exempt(default) = %v, want %v", got, c.exempt)
			}
			checkInfo(t, c.in, in, Span{0, len(c.in)})
		})
	}
}

// checkInfo asserts the invariants every Info has: spans inside within, a
// literal password at its span, SSLMode and its span set together.
func checkInfo(t *testing.T, s string, in *Info, within Span) {
	t.Helper()
	inside := func(what string, sp Span) {
		t.Helper()
		if sp == (Span{-1, -1}) {
			return
		}
		if !sp.IsValid() || sp.Start < within.Start || sp.End > within.End {
			t.Fatalf("%s %v outside %v (len %d)", what, sp, within, len(s))
		}
	}
	if in == nil {
		t.Fatal("nil Info")
	}
	if in.Form < KeyValue || in.Form > JDBC {
		t.Fatalf("Form = %v", in.Form)
	}
	if in.Hosts == nil {
		t.Fatal("Hosts is nil")
	}
	inside("PasswordSpan", in.PasswordSpan)
	inside("SSLModeSpan", in.SSLModeSpan)
	for _, p := range in.Params {
		inside("KeySpan", p.KeySpan)
		inside("ValueSpan", p.ValueSpan)
		if !p.KeySpan.IsValid() || !p.ValueSpan.IsValid() {
			t.Fatalf("param %q has no span", p.Key)
		}
	}
	for k, sp := range in.SecretSpans {
		inside("SecretSpan", sp)
		if sp.End <= sp.Start {
			t.Fatalf("empty secret span %v", sp)
		}
		if k > 0 && sp.Start < in.SecretSpans[k-1].Start {
			t.Fatalf("SecretSpans out of order: %v", in.SecretSpans)
		}
	}
	if in.HasPassword {
		if in.Password == "" || s[in.PasswordSpan.Start:in.PasswordSpan.End] == "" {
			t.Fatalf("HasPassword with empty password or span %v", in.PasswordSpan)
		}
		if !slices.Contains(in.SecretSpans, in.PasswordSpan) {
			t.Fatalf("PasswordSpan %v not among SecretSpans %v", in.PasswordSpan, in.SecretSpans)
		}
	}
	if (in.SSLMode == "") == in.SSLModeSpan.IsValid() {
		t.Fatalf("SSLMode %q with SSLModeSpan %v", in.SSLMode, in.SSLModeSpan)
	}
}

func TestParseParams(t *testing.T) {
	s := `host = db  password='x y' ?a=1`
	in, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	want := []Param{
		{"host", "db", Span{0, 4}, Span{7, 9}},
		{"password", "x y", Span{11, 19}, Span{21, 24}},
		{"?a", "1", Span{26, 28}, Span{29, 30}},
	}
	if !slices.Equal(in.Params, want) {
		t.Errorf("Params = %+v\nwant %+v", in.Params, want)
	}

	u := "postgres://h/db?sslmode=require&application%5Fname=a%20b&flag"
	in, err = Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	want = []Param{
		{"sslmode", "require", Span{16, 23}, Span{24, 31}},
		{"application_name", "a b", Span{32, 50}, Span{51, 56}},
		{"flag", "", Span{57, 61}, Span{61, 61}},
	}
	if !slices.Equal(in.Params, want) {
		t.Errorf("Params = %+v\nwant %+v", in.Params, want)
	}
}

func TestParseSecretSpans(t *testing.T) {
	s := "postgres://u:first@db/app?password=second&sslpassword=keypass&password=${PW}"
	in, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, sp := range in.SecretSpans {
		got = append(got, s[sp.Start:sp.End])
	}
	if want := []string{"first", "second", "keypass"}; !slices.Equal(got, want) {
		t.Errorf("SecretSpans text = %q, want %q", got, want)
	}
	if in.Password != "second" || !in.HasPassword {
		t.Errorf("Password = %q, %v, want the last literal %q", in.Password, in.HasPassword, "second")
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		in, msg string
	}{
		{"", "empty connection string"},
		{"   \n\t", "empty connection string"},
		{"host", `missing "=" after "host"`},
		{"host db", `missing "=" after "host"`},
		{"hunter2secret", `missing "=" after keyword`},
		{"=x", `missing keyword before "="`},
		{"host=db =x", `missing keyword before "="`},
		{"password='abc", "unterminated quoted string"},
		{`password='abc\`, "unterminated quoted string"},
		{`password='abc\'`, "unterminated quoted string"},
		{"foo=bar", "no libpq keyword"},
		{"%s", "no key=value pair"},
		{"${DSN} ${MORE}", "no key=value pair"},
		{"hello world", `missing "=" after keyword`},
		{"http://db/app?user=x&password=y", `unsupported URL scheme "http"`},
		{"mysql://u:p@h/db", `unsupported URL scheme "mysql"`},
		{"postgres://[::1/db", `missing "]"`},
		{"postgres://[]/db", "empty IPv6 host address"},
		{"postgres://[::1]x/db", "unexpected character after IPv6 host address"},
		{"jdbc:postgresql://[::1/db", `missing "]"`},
	}
	for _, c := range cases {
		in, err := Parse(c.in)
		var e *Error
		if err == nil || !errors.As(err, &e) {
			t.Errorf("Parse(%q) = %+v, %v; want *Error", c.in, in, err)
			continue
		}
		if !strings.Contains(err.Error(), c.msg) {
			t.Errorf("Parse(%q) error %q does not contain %q", c.in, err, c.msg)
		}
		if e.Offset < 0 || e.Offset > len(c.in) {
			t.Errorf("Parse(%q) error offset %d out of range", c.in, e.Offset)
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("error %q quotes the input", err)
		}
	}
}

func TestExempt(t *testing.T) {
	cases := []struct {
		in     string
		exempt []string
		want   bool
	}{
		{"host=db.internal", []string{"DB.Internal"}, true},
		{"host=db.internal", nil, false},
		{"host=db.internal", []string{"db"}, false},
		{"host=10.1.2.3", []string{"10.0.0.0/8"}, true},
		{"host=10.1.2.3", []string{"192.168.0.0/16"}, false},
		{"host=10.1.2.3,db2", []string{"10.0.0.0/8"}, false},
		{"host=10.1.2.3,/tmp", []string{"10.0.0.0/8"}, true},
		{"host=::ffff:10.1.2.3", []string{"10.0.0.0/8"}, true},
		{"host=2001:db8::5", []string{"2001:db8::/32"}, true},
		{"host=2001:db8::5", []string{"2001:DB8:0::5"}, true},
		{"hostaddr=10.0.0.5", []string{"10.0.0.5"}, true},
		{"host=localhost hostaddr=192.0.2.1", nil, false},
		{"host=db,localhost hostaddr=127.0.0.1,", nil, true},
		{"host=db,localhost hostaddr=,127.0.0.1", nil, false},
		{"host=db,localhost hostaddr=127.0.0.1,127.0.0.1", nil, true},
		{"host=@abstract", nil, true},
		{"host=LOCALHOST", nil, true},
		{"host=localhost.example.com", nil, false},
		{"host=0:0:0:0:0:0:0:1", nil, true},
		{"host=127.255.0.1", nil, true},
		{"host=128.0.0.1", nil, false},
		{"host=,db", nil, false},
		{"postgres://db/app?host=/tmp", nil, true},
		{"postgres://db.example.com/app", []string{"db.example.com"}, true},
		{"jdbc:postgresql://db/app", nil, false},
		{"user=x", nil, true},
	}
	for _, c := range cases {
		in, err := Parse(c.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.in, err)
		}
		if got := in.Exempt(c.exempt); got != c.want {
			t.Errorf("Parse(%q).Exempt(%q) = %v, want %v", c.in, c.exempt, got, c.want)
		}
	}
}

func TestHostSetAtRunTime(t *testing.T) {
	cases := []struct {
		in   string
		want bool
	}{
		{"host=%s sslmode=disable", true},
		{"host=${DB_HOST} user=x", true},
		{"host=<host> user=x", true},
		{"host=$PGHOST:$PGPORT user=x", false}, // ":" is literal text: not a host alone
		{"postgres://%s:%s@%s:%s/%s?sslmode=disable", true},
		{"host=%s,/tmp user=x", true},
		{"host=%s,localhost,10.1.2.3 user=x", true},
		{"host=%s,db.example.com user=x", false},
		{"host=\x1a\x1a\x1a\x1a user=x", true},
		{"host=ƍ___ user=x", true},
		{"host=db-%s.example.com user=x", false},
		{"host=db.example.com user=x", false},
		{"host=localhost user=x", false},
		{"user=x", false},
	}
	for _, c := range cases {
		in, err := Parse(c.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.in, err)
		}
		if got := in.HostSetAtRunTime([]string{"10.0.0.0/8"}); got != c.want {
			t.Errorf("Parse(%q).HostSetAtRunTime = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestHostList(t *testing.T) {
	for in, want := range map[string]string{
		"host=db1,db2 user=x":                  "db1,db2",
		"host=%s user=x":                       "a host set at run time",
		"host=%s,${H},db user=x":               "a host set at run time,db",
		"host=db-%s.example.com user=x":        "a host set at run time",
		"user=x":                               "the default host",
		"postgres://[::1]:5432,%2Ftmp/db":      "::1,/tmp",
		"postgres://{{ .Values.host }}/app":    "a host set at run time",
		"jdbc:postgresql://h1:5432,h2:5433/db": "h1,h2",
	} {
		i, err := Parse(in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", in, err)
		}
		if got := i.HostList(); got != want {
			t.Errorf("Parse(%q).HostList() = %q, want %q", in, got, want)
		}
	}
}

func TestNamesPassword(t *testing.T) {
	cases := []struct {
		key, v string
		want   bool
	}{
		{"Password", "password", true},
		{"password", "Password", true},
		{"PGPASSWORD", "PASSWORD", true},
		{"pw", "passwd", true},
		{"dbPassword", "password_hash", true},
		{"PGSSLPASSWORD", "sslpassword", true},
		{"field", "dbPassword", true},
		{"secret", "new-password", true},
		{"adminPwd", "admin_pwd", true},
		{"dbSecret", "db.secret", true}, // the key's own name
		{"password", " password ", true},
		{"RouteChangePassword", "/.well-known/change-password", true},
		{"passwordPath", "/api/v1/password_reset", true},
		{"password", "YourPass", true},
		{"password", "your_db_password", true},
		{"password", "<password>", true},
		{"password", "service_key", true},
		{"password", "anon_key", true},
		{"password", "super-secret", false},
		{"password", "yours", false},
		{"password", "<a<b>", false},
		{"password", "Service_Key", false},

		{"password", "password1", false},
		{"password", "Passw0rd!", false},
		{"password", "my password", false},
		{"password", "hunter2", false},
		{"password", "passport", false},
		{"password", "pass", false},
		{"password", "1password", false},
		{"password", "", false},
		{"", "secret", false},
		{"password", "/tmp/x", false},
		{"password", "/pass word", false},
		{"password", "/", false},
	}
	for _, c := range cases {
		if got := NamesPassword(c.key, c.v); got != c.want {
			t.Errorf("NamesPassword(%q, %q) = %v, want %v", c.key, c.v, got, c.want)
		}
	}
}

func TestWeak(t *testing.T) {
	for mode, want := range map[string]bool{
		"disable": true, "allow": true, "prefer": true, "require": true, "verify-ca": true,
		"no-verify": true, "Require": true, " prefer ": true, //nolint:gocritic // padded key on purpose: values are trimmed
		"verify-full": false, "": false, "${PGSSLMODE}": false, "bogus": false,
	} {
		if got := Weak(mode); got != want {
			t.Errorf("Weak(%q) = %v, want %v", mode, got, want)
		}
	}
}

func TestIsTemplate(t *testing.T) {
	for v, want := range map[string]bool{
		"${DB_PASSWORD}": true, "pre${X}post": true, "{{ .Values.password }}": true,
		"<%= ENV['PW'] %>": true, "%(password)s": true, "%s": true, "%v": true,
		"$PGPASSWORD": true, "$_pw": true, "$(cat /run/secrets/pw)": true, "#{pw}": true,
		"{% pw %}": true, "\x1a\x1a\x1a": true, "ƍ__": true,
		"<password>": true, "<your-password>": true, "<your db password>": true,
		"***": true, "*": true, "{password}": true, "{0}": true, "{}": true, "%DB_PASS%": true,
		"xxxxx": true, "XXX": true, "xX": false, "xxx1": false,

		"": false, "changeme": false, "password": false, "s3cr3t!": false, "$": false,
		"$1abc": false, "p@$$w0rd": false, "<>": false, "a<b>c": false, "<a<b>": false,
		"**a**": false, "{not a name}": false, "100%": false, "%41": false,
	} {
		if got := IsTemplate(v); got != want {
			t.Errorf("IsTemplate(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestDefaultSSLModeNote(t *testing.T) {
	for driver, want := range map[string]string{
		"":                            `libpq and pgx default to "prefer", lib/pq to "require"`,
		"unknown":                     `libpq and pgx default to "prefer", lib/pq to "require"`,
		"libpq":                       `libpq defaults to "prefer"`,
		"pgx":                         `pgx defaults to "prefer"`,
		"github.com/jackc/pgx/v5":     `pgx defaults to "prefer"`,
		"lib/pq":                      `lib/pq defaults to "require"`,
		"postgres":                    `lib/pq defaults to "require"`,
		"github.com/lib/pq":           `lib/pq defaults to "require"`,
		"pgjdbc":                      `pgjdbc defaults to "prefer"`,
		"psycopg2":                    `libpq defaults to "prefer"`,
		"PGX":                         `pgx defaults to "prefer"`,
		" libpq ":                     `libpq defaults to "prefer"`, //nolint:gocritic // padded key on purpose: names are trimmed
		"github.com/jackc/pgx/v5/pgx": `pgx defaults to "prefer"`,
	} {
		if got := DefaultSSLModeNote(driver); got != want {
			t.Errorf("DefaultSSLModeNote(%q) = %q, want %q", driver, got, want)
		}
	}
}

func TestFormString(t *testing.T) {
	for f, want := range map[Form]string{KeyValue: "key=value", URL: "URL", JDBC: "JDBC URL", 0: "Form(0)"} {
		if got := f.String(); got != want {
			t.Errorf("Form(%d).String() = %q, want %q", int(f), got, want)
		}
	}
}

type findWant struct {
	match string // text[Span]
	rawPW string // text[PasswordSpan], or none
	hasPW bool
	mode  string
}

var findCases = []struct {
	text string
	want []findWant
}{
	{`psql "host=db.example.com user=app password=s3cret sslmode=disable" -c 'select 1'`,
		[]findWant{{"host=db.example.com user=app password=s3cret sslmode=disable", "s3cret", true, "disable"}}},
	{`export DATABASE_URL=postgres://app:s3cret@db.example.com/app`,
		[]findWant{{"postgres://app:s3cret@db.example.com/app", "s3cret", true, ""}}},
	{`  url: "jdbc:postgresql://db:5432/app?user=app&password=s3cret&ssl=true"`,
		[]findWant{{"jdbc:postgresql://db:5432/app?user=app&password=s3cret&ssl=true", "s3cret", true, "verify-full"}}},
	{`spring.datasource.url=jdbc:postgresql:app?user=x&password=y`,
		[]findWant{{"jdbc:postgresql:app?user=x&password=y", "y", true, ""}}},
	{`dsn := "host=db port=5432 user=app dbname=app sslmode=require"`,
		[]findWant{{"host=db port=5432 user=app dbname=app sslmode=require", none, false, "require"}}},
	{`conn = psycopg2.connect('dbname=app user=app password=x host=db')`,
		[]findWant{{"dbname=app user=app password=x host=db", "x", true, ""}}},
	{`SELECT dblink_connect('host=db dbname=app user=app password=s3cret');`,
		[]findWant{{"host=db dbname=app user=app password=s3cret", "s3cret", true, ""}}},
	{`DSN="host = db user = app"`, []findWant{{"host = db user = app", none, false, ""}}},
	{`conn_str = "user=app password='p w' host=db"`, []findWant{{"user=app password='p w' host=db", "p w", true, ""}}},
	{`fmt.Sprintf("host=%s port=%d user=%s password=%s dbname=%s sslmode=disable", h, p, u, pw, db)`,
		[]findWant{{"host=%s port=%d user=%s password=%s dbname=%s sslmode=disable", "%s", false, "disable"}}},
	{`See (postgres://db/app).`, []findWant{{"postgres://db/app", none, false, ""}}},
	{`Connect with postgres://db/app?sslmode=require, then migrate.`,
		[]findWant{{"postgres://db/app?sslmode=require", none, false, "require"}}},
	{`<url>postgres://db/app</url>`, []findWant{{"postgres://db/app", none, false, ""}}},
	{`[postgresql://[::1]:5432/db]`, []findWant{{"postgresql://[::1]:5432/db", none, false, ""}}},
	{`postgres://app:<password>@db/app`, []findWant{{"postgres://app:<password>@db/app", "<password>", false, ""}}},
	{`url: postgres://{{ .Values.user }}:{{ .Values.password }}@db/app`,
		[]findWant{{"postgres://{{ .Values.user }}:{{ .Values.password }}@db/app", "{{ .Values.password }}", false, ""}}},
	{`DATABASE_URL=<%= ENV['X'] %> postgres://u:<%= ENV['PW'] %>@db/app`,
		[]findWant{{"postgres://u:<%= ENV['PW'] %>@db/app", "<%= ENV['PW'] %>", false, ""}}},
	{`DATABASE_URL=postgresql+asyncpg://u:p@db/app`, []findWant{{"postgresql+asyncpg://u:p@db/app", "p", true, ""}}},
	{`"postgres://u:p@h/db?sslmode=disable", "host=x user=y"`, []findWant{
		{"postgres://u:p@h/db?sslmode=disable", "p", true, "disable"},
		{"host=x user=y", none, false, ""}}},
	{`{"dsn": "{\"url\": \"postgres://u:pw@h/db\"}"}`, []findWant{{"postgres://u:pw@h/db", "pw", true, ""}}},
	{`PGPASSWORD=x psql "host=db user=app" -c 'select 1'`, []findWant{{"host=db user=app", none, false, ""}}},
	{`DATABASE_DSN=host=db user=app password=s3cret`,
		[]findWant{{"host=db user=app password=s3cret", "s3cret", true, ""}}},
	{"host=db\nuser=app", []findWant{{"host=db\nuser=app", none, false, ""}}},
	{`host=db pool_max_conns=10 sslmode=verify-full`,
		[]findWant{{"host=db pool_max_conns=10 sslmode=verify-full", none, false, "verify-full"}}},
	{`user=app password=`, []findWant{{"user=app password=", "", false, ""}}},
	{`POSTGRESQL://DB/APP`, []findWant{{"POSTGRESQL://DB/APP", none, false, ""}}},
	{`r2dbc:postgresql://u:p@db/app`, []findWant{{"postgresql://u:p@db/app", "p", true, ""}}},
	{`host=db user=app url=postgres://h/db`, []findWant{
		{"host=db user=app", none, false, ""},
		{"postgres://h/db", none, false, ""}}},
	{`set host=db and user=x password=y`, []findWant{{"user=x password=y", "y", true, ""}}},
	{`python -c 'connect("host=%s dbname=%s %s" % (h, d, opts))'`,
		[]findWant{{"host=%s dbname=%s %s", none, false, "%s"}}},
	{`db = "host=%s dbname=app user=%s"`, []findWant{{"host=%s dbname=app user=%s", none, false, ""}}},
}

var noFindCases = []string{
	"set sslmode=disable only for local dev",
	"never use sslmode=disable",
	"// never use sslmode=disable in production; use sslmode=verify-full",
	"host is down",
	"user=admin",
	"The `user=admin` setting and the password are in the vault.",
	"Use **sslmode** `require` for prod, see https://example.com/?host=db&user=x",
	"http://db.example.com/app?user=x&password=y",
	"https://postgres.example.com/",
	"my_host=db my_user=x my_password=y",
	"--host=db --user=app --password=x",
	"pg_dump --host=localhost --port=5432 --dbname=app",
	"psycopg2.connect(host=h, user=u, password=pw)",
	`psycopg2.connect(host="db", user="app", password="s3cret")`,
	"mypostgres://u:p@h/db",
	"port=5432 connect_timeout=10",
	"user=app and password=secret",
	"db.user=app db.password=secret",
	"$user=app $password=secret",
	"The connection string format is described in the libpq docs; set `host` and `user`.",
	"PostgreSQL is great, postgres too",
	"HOST=db USER=app PASSWORD=x",
	"jdbc:postgresql: is the prefix",
	"user = 'admin' AND password = 'x'",
	"",
}

func TestFind(t *testing.T) {
	for _, c := range findCases {
		t.Run(c.text, func(t *testing.T) {
			ms := Find(c.text)
			checkMatches(t, c.text, ms)
			if len(ms) != len(c.want) {
				for _, m := range ms {
					t.Logf("match %q", c.text[m.Span.Start:m.Span.End])
				}
				t.Fatalf("got %d matches, want %d", len(ms), len(c.want))
			}
			for k, w := range c.want {
				m := ms[k]
				if got := c.text[m.Span.Start:m.Span.End]; got != w.match {
					t.Errorf("match %d = %q, want %q", k, got, w.match)
				}
				if got := spanText(c.text, m.Info.PasswordSpan); got != w.rawPW {
					t.Errorf("match %d: text[PasswordSpan] = %q, want %q", k, got, w.rawPW)
				}
				if m.Info.HasPassword != w.hasPW {
					t.Errorf("match %d: HasPassword = %v, want %v", k, m.Info.HasPassword, w.hasPW)
				}
				if m.Info.SSLMode != w.mode {
					t.Errorf("match %d: SSLMode = %q, want %q", k, m.Info.SSLMode, w.mode)
				}

			}
		})
	}
}

func TestFindPgBouncer(t *testing.T) {
	cases := []struct {
		text      string
		pgbouncer []bool // per match
	}{
		{"mydb = host=db.example.com port=5432 dbname=mydb", []bool{true}},
		{"[databases]\n  app=host=db dbname=app user=app password=s3cret \r\n* = host=fallback user=x\n", []bool{true, true}},
		{`"my db" = host=db dbname=app`, []bool{true}},
		{"[pgbouncer]\nlisten_port = 6432\n[databases]\nmydb = host=db dbname=mydb\n", []bool{true}},
		{"url = host=db dbname=app # old", []bool{false}},
		{"export dsn = host=db dbname=app", []bool{false}},
		{"PRIMARY_CONNINFO=host=db user=app", []bool{false}},
		{"dsn = 'host=db user=app'", []bool{false}},
		{"dsn = host=db user=app trailing", []bool{false}},
		{"= host=db user=app", []bool{false}},
		{"mydb = postgres://db/app", []bool{false}},
	}
	for _, c := range cases {
		ms := Find(c.text)
		checkMatches(t, c.text, ms)
		if len(ms) != len(c.pgbouncer) {
			t.Errorf("Find(%q): %d matches, want %d", c.text, len(ms), len(c.pgbouncer))
			continue
		}
		for k, m := range ms {
			if m.PgBouncer != c.pgbouncer[k] {
				t.Errorf("Find(%q) match %q: PgBouncer = %v, want %v", c.text, c.text[m.Span.Start:m.Span.End], m.PgBouncer, c.pgbouncer[k])
			}
		}
	}
}

func TestFindNothing(t *testing.T) {
	for _, text := range noFindCases {
		if ms := Find(text); len(ms) != 0 {
			for _, m := range ms {
				t.Errorf("Find(%q) matched %q", text, text[m.Span.Start:m.Span.End])
			}
		}
	}
}

// checkMatches asserts Find's invariants: matches in order and apart, every
// span inside its match, and each match parsing on its own to the same
// result.
func checkMatches(t *testing.T, text string, ms []Match) {
	t.Helper()
	prev := 0
	for _, m := range ms {
		sp := m.Span
		if sp.Start < prev || sp.End <= sp.Start || sp.End > len(text) {
			t.Fatalf("match span %v out of order or bounds (previous end %d, len %d)", sp, prev, len(text))
		}
		prev = sp.End
		checkInfo(t, text, m.Info, sp)
		sub := text[sp.Start:sp.End]
		alone, err := Parse(sub)
		if err != nil {
			t.Fatalf("match %q does not parse on its own: %v", sub, err)
		}
		alone.shift(sp.Start)
		if alone.Password != m.Info.Password || alone.PasswordSpan != m.Info.PasswordSpan ||
			alone.HasPassword != m.Info.HasPassword || alone.SSLMode != m.Info.SSLMode ||
			alone.SSLModeSpan != m.Info.SSLModeSpan || !slices.Equal(alone.Hosts, m.Info.Hosts) ||
			!slices.Equal(alone.SecretSpans, m.Info.SecretSpans) || !slices.Equal(alone.Params, m.Info.Params) {
			t.Fatalf("match %q: Find says %+v, Parse says %+v", sub, m.Info, alone)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, c := range parseCases {
		f.Add(c.in)
	}
	for _, s := range []string{"", "=", "'", `\`, "host='", "postgres://[", "postgres://@@@/?&=&",
		"jdbc:postgresql:", "jdbc:postgresql://", "${", "{{ }}", "postgres://u:${a@b/c}@h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		in, err := Parse(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Offset < 0 || e.Offset > len(s) {
				t.Fatalf("bad error %v", err)
			}
			if in != nil {
				t.Fatal("Info with error")
			}
			return
		}
		checkInfo(t, s, in, Span{0, len(s)})
		_ = in.Exempt([]string{"10.0.0.0/8", "db", "::1/128", "bogus/"})
		_ = in.Weak()
	})
}

func FuzzFind(f *testing.F) {
	for _, c := range findCases {
		f.Add(c.text)
	}
	for _, s := range noFindCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkMatches(t, text, Find(text))
	})
}
