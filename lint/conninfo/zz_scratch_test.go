package conninfo
import ("testing";"fmt")
func TestScratch(t *testing.T){
	for _, s := range []string{
		"host=db user=app password=secret sslmode=disable",
		"postgres://app:s%40cret@h1:5432,[::1]:5433/app?sslmode=require",
		"postgresql://%2Fvar%2Frun%2Fpostgresql/db",
		"jdbc:postgresql://db/app?user=x&password=y&ssl=true",
		"jdbc:postgresql:db",
		"postgres://app:${DB_PASSWORD}@db/app",
		"http://x",
		"password='abc",
	}{
		in, err := Parse(s)
		fmt.Printf("%q\n  %+v %v\n", s, in, err)
	}
	for _, s := range []string{
		`psql "host=db user=app password=secret" -c 'select 1'`,
		`never use sslmode=disable`,
		`DATABASE_URL=postgres://u:p@db.example.com:5432/app?sslmode=require.`,
		`conn = psycopg2.connect(host=h, user=u, password=pw)`,
	}{
		for _, m := range Find(s) { fmt.Printf("%q -> %q %+v\n", s, s[m.Span.Start:m.Span.End], m.Info) }
	}
}
