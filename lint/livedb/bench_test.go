package livedb

import (
	"context"
	"fmt"
	"testing"

	"github.com/grantguard/grantguard/internal/pgtest"
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/live"
	"github.com/grantguard/grantguard/rules"
)

// largeCatalog creates database bigcat: 500 roles (every tenth a LOGIN
// member of the one before it), 20 schemas of 500 tables each (10,000
// tables with a serial column, so 10,000 sequences too), each table
// granted to two roles, one of them WITH GRANT OPTION.
func largeCatalog(b *testing.B, c *pgtest.Cluster) {
	b.Helper()
	c.MustPsql(b, "postgres", "DROP DATABASE IF EXISTS bigcat")
	c.MustPsql(b, "postgres", "CREATE DATABASE bigcat")
	b.Cleanup(func() {
		c.MustPsql(b, "postgres", "DROP DATABASE bigcat")
		c.MustPsql(b, "postgres", `DO $$ BEGIN
  FOR i IN 1..500 LOOP EXECUTE format('DROP ROLE IF EXISTS big_r%s', i); END LOOP; END $$`)
	})
	c.MustPsql(b, "bigcat", `DO $$ BEGIN
  FOR i IN 1..500 LOOP
    EXECUTE format('CREATE ROLE big_r%s %s', i, CASE WHEN i % 10 = 0 THEN 'LOGIN' ELSE 'NOLOGIN' END);
    IF i % 10 = 0 THEN EXECUTE format('GRANT big_r%s TO big_r%s', i - 1, i); END IF;
  END LOOP;
END $$`)
	// A schema per transaction: 500 tables with their sequences and
	// indexes fit in the default lock table.
	for s := 1; s <= 20; s++ {
		c.MustPsql(b, "bigcat", fmt.Sprintf(`CREATE SCHEMA s%[1]d;
DO $$ BEGIN
  FOR t IN 1..500 LOOP
    EXECUTE format('CREATE TABLE s%[1]d.t%%s (id serial PRIMARY KEY, v text)', t);
    EXECUTE format('GRANT SELECT ON s%[1]d.t%%s TO big_r%%s', t, 1 + (%[1]d * 500 + t) %% 500);
    EXECUTE format('GRANT SELECT ON s%[1]d.t%%s TO big_r%%s WITH GRANT OPTION', t, 1 + (%[1]d * 7 + t) %% 500);
  END LOOP;
END $$`, s))
	}
}

// BenchmarkLargeCatalog reads a catalog of 10,000 tables and 500 roles and
// audits it with every rule. It fails unless the state is complete.
func BenchmarkLargeCatalog(b *testing.B) {
	c := pgtest.Start(b)
	largeCatalog(b, c)
	opts := Options{DSN: c.DSN("postgres", "bigcat")}
	var st *live.State
	b.Run("read", func(b *testing.B) {
		for b.Loop() {
			var err error
			if st, err = Read(context.Background(), opts); err != nil {
				b.Fatal(err)
			}
		}
		tables := 0
		for _, o := range st.Objects {
			if o.Kind == live.Table {
				tables++
			}
		}
		if tables != 10000 || len(st.Roles) < 500 || len(st.Notes) > 0 {
			b.Fatalf("incomplete state: %d tables, %d roles, notes %q", tables, len(st.Roles), st.Notes)
		}
	})
	b.Run("audit", func(b *testing.B) {
		for b.Loop() {
			st.Forget() // the access model is built in each audit
			findings, notes := lint.Audit(st, lint.DefaultConfig(), rules.All)
			if len(notes) > 0 || len(findings) < 10000 {
				b.Fatalf("%d findings (want one grant-option per table), notes %q", len(findings), notes)
			}
		}
	})
}
