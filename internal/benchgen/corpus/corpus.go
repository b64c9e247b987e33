// Package corpus generates the synthetic PostgreSQL migration tree used by
// grantguard's benchmarks (see internal/benchgen): versioned migrations in
// the layouts of the common tools (golang-migrate, goose, Flyway, dbmate,
// plain psql scripts), holding table DDL, indexes, grants and revokes,
// roles, DO blocks, PL/pgSQL and SQL functions, COPY ... FROM stdin data,
// data backfills, foreign servers and a few access-control mistakes, plus
// some config files (pg_hba.conf, postgresql.conf, YAML, .env).
//
// The output depends only on the arguments: the same arguments write the
// same bytes, so timings taken on two machines compare.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Write writes files files into dir (created as needed). With sqlOnly no
// config files are written.
func Write(dir string, files int, seed uint64, sqlOnly bool) error {
	g := New(seed)
	for i := range files {
		name, body := g.File(i, sqlOnly)
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// New returns a generator; File must be called with i = 0, 1, 2, ... for
// the output to match Write's.
func New(seed uint64) *Gen {
	return &Gen{r: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))}
}

// Gen generates corpus files.
type Gen struct {
	r *rand.Rand
}

var (
	nouns   = []string{"account", "order", "invoice", "customer", "product", "shipment", "payment", "audit_event", "session", "tenant", "subscription", "report", "ledger_entry", "address", "coupon"}
	schemas = []string{"app", "billing", "reporting", "public", "auth"}
	roles   = []string{"app_readonly", "app_readwrite", "reporting", "migrator", "api_user", "analyst", "etl_job", "support"}
	types   = []string{"bigint", "integer", "text", "varchar(200)", "timestamptz", "boolean", "numeric(12,2)", "jsonb", "uuid", "date"}
	layouts = []string{"migrate", "goose", "flyway", "dbmate", "psql"}
)

func (g *Gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

// File returns the i-th file's slash-separated path and contents.
func (g *Gen) File(i int, sqlOnly bool) (string, string) {
	if !sqlOnly && i%25 == 24 {
		return g.configFile(i)
	}
	layout := layouts[i%len(layouts)]
	svc := fmt.Sprintf("svc%02d", i/200)
	ver := i + 1
	var b strings.Builder
	// A few large files: seed data and generated schemas.
	n := 3 + g.r.IntN(12)
	if g.r.IntN(40) == 0 {
		n = 200 + g.r.IntN(400)
	}
	switch layout {
	case "migrate":
		g.body(&b, n, false)
		return fmt.Sprintf("%s/migrations/%06d_%s.up.sql", svc, ver, g.pick(nouns)), b.String()
	case "goose":
		b.WriteString("-- +goose Up\n")
		g.body(&b, n, false)
		b.WriteString("\n-- +goose Down\n")
		fmt.Fprintf(&b, "DROP TABLE IF EXISTS %s.%s_%d;\n", g.pick(schemas), g.pick(nouns), ver)
		return fmt.Sprintf("%s/db/goose/%05d_%s.sql", svc, ver, g.pick(nouns)), b.String()
	case "flyway":
		g.body(&b, n, false)
		return fmt.Sprintf("%s/db/flyway/V%d__add_%s.sql", svc, ver, g.pick(nouns)), b.String()
	case "dbmate":
		b.WriteString("-- migrate:up\n")
		g.body(&b, n, false)
		b.WriteString("\n-- migrate:down\n")
		fmt.Fprintf(&b, "DROP TABLE %s_%d;\n", g.pick(nouns), ver)
		return fmt.Sprintf("%s/db/migrations/%014d_%s.sql", svc, 20240101000000+ver, g.pick(nouns)), b.String()
	default:
		b.WriteString("\\set ON_ERROR_STOP on\n\\connect shop\n")
		g.body(&b, n, true)
		return fmt.Sprintf("%s/scripts/%04d_%s.psql.sql", svc, ver, g.pick(nouns)), b.String()
	}
}

// body writes n statements or statement groups. Most are ordinary DDL and
// data changes; a minority touch access control, as in real trees.
func (g *Gen) body(b *strings.Builder, n int, psql bool) {
	for range n {
		t := g.pick(nouns) + fmt.Sprint("_", g.r.IntN(100))
		s := g.pick(schemas)
		switch k := g.r.IntN(100); {
		case k < 28:
			g.createTable(b, s, t)
		case k < 38:
			fmt.Fprintf(b, "CREATE INDEX IF NOT EXISTS %s_%s_idx ON %s.%s (%s_id, created_at);\n", t, g.pick(nouns), s, t, g.pick(nouns))
		case k < 46:
			fmt.Fprintf(b, "ALTER TABLE %s.%s ADD COLUMN IF NOT EXISTS %s_note %s DEFAULT '%s';\nALTER TABLE %s.%s ALTER COLUMN id SET NOT NULL;\n",
				s, t, g.pick(nouns), "text", g.pick(nouns), s, t)
		case k < 53:
			fmt.Fprintf(b, "UPDATE %s.%s SET status = 'archived', updated_at = now() WHERE created_at < now() - interval '%d days' AND status <> 'archived';\n", s, t, 30+g.r.IntN(300))
		case k < 58:
			fmt.Fprintf(b, "INSERT INTO %s.%s (id, name, created_at) VALUES (%d, '%s', now()), (%d, 'o''brien', now()) ON CONFLICT (id) DO NOTHING;\n", s, t, g.r.IntN(1000), g.pick(nouns), g.r.IntN(1000))
		case k < 62:
			g.copyData(b, s, t)
		case k < 66:
			fmt.Fprintf(b, "CREATE OR REPLACE VIEW %s.%s_v AS\n  SELECT o.id, o.created_at, c.name\n  FROM %s.%s o JOIN %s.customer c ON c.id = o.customer_id\n  WHERE o.deleted_at IS NULL;\n", s, t, s, t, s)
		case k < 76:
			g.grant(b, s, t)
		case k < 80:
			g.role(b, psql)
		case k < 85:
			g.function(b, s, t)
		case k < 89:
			g.doBlock(b, s, t)
		case k < 91:
			fmt.Fprintf(b, "ALTER DEFAULT PRIVILEGES IN SCHEMA %s GRANT SELECT ON TABLES TO %s;\n", s, g.pick(roles))
		case k < 92:
			g.foreignServer(b)
		case k < 94:
			fmt.Fprintf(b, "COMMENT ON TABLE %s.%s IS 'Holds %s rows; see runbook section %d.';\n", s, t, g.pick(nouns), g.r.IntN(40))
		case k < 96:
			fmt.Fprintf(b, "SET lock_timeout = '5s';\nSET statement_timeout = 0;\n")
		case k < 98:
			fmt.Fprintf(b, "CREATE TRIGGER %s_touch BEFORE UPDATE ON %s.%s FOR EACH ROW EXECUTE FUNCTION %s.touch_updated_at();\n", t, s, t, s)
		default:
			fmt.Fprintf(b, "-- %s cleanup, ticket OPS-%d\nDELETE FROM %s.%s WHERE id IN (SELECT id FROM %s.%s WHERE created_at < '2020-01-01');\n", t, g.r.IntN(9999), s, t, s, t)
		}
		b.WriteByte('\n')
	}
}

func (g *Gen) createTable(b *strings.Builder, s, t string) {
	fmt.Fprintf(b, "-- %s: one row per %s\nCREATE TABLE IF NOT EXISTS %s.%s (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n", t, g.pick(nouns), s, t)
	for c := range 3 + g.r.IntN(8) {
		fmt.Fprintf(b, "    %s_%d %s", g.pick(nouns), c, g.pick(types))
		if g.r.IntN(3) == 0 {
			b.WriteString(" NOT NULL")
		}
		b.WriteString(",\n")
	}
	fmt.Fprintf(b, "    created_at timestamptz NOT NULL DEFAULT now(),\n    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),\n    CONSTRAINT %s_customer_fk FOREIGN KEY (id) REFERENCES %s.customer (id) ON DELETE CASCADE\n);\n", t, s)
}

func (g *Gen) copyData(b *strings.Builder, s, t string) {
	fmt.Fprintf(b, "COPY %s.%s (id, name, created_at) FROM stdin;\n", s, t)
	for i := range 5 + g.r.IntN(60) {
		fmt.Fprintf(b, "%d\t%s it's #%d; GRANT ALL\t2024-01-%02d 10:00:00+00\n", i, g.pick(nouns), i, 1+i%28)
	}
	b.WriteString("\\.\n")
}

func (g *Gen) grant(b *strings.Builder, s, t string) {
	switch g.r.IntN(8) {
	case 0:
		fmt.Fprintf(b, "GRANT ALL PRIVILEGES ON TABLE %s.%s TO %s;\n", s, t, g.pick(roles))
	case 1:
		fmt.Fprintf(b, "GRANT SELECT ON %s.%s TO PUBLIC;\n", s, t)
	case 2:
		fmt.Fprintf(b, "REVOKE ALL ON SCHEMA %s FROM PUBLIC;\n", s)
	case 3:
		fmt.Fprintf(b, "GRANT %s TO %s WITH ADMIN OPTION;\n", g.pick(roles), g.pick(roles))
	case 4:
		fmt.Fprintf(b, "GRANT USAGE ON SCHEMA %s TO %s;\nGRANT SELECT ON ALL TABLES IN SCHEMA %s TO %s;\n", s, g.pick(roles), s, g.pick(roles))
	default:
		fmt.Fprintf(b, "GRANT SELECT, INSERT, UPDATE, DELETE ON %s.%s TO %s;\nGRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %s TO %s;\n", s, t, g.pick(roles), s, g.pick(roles))
	}
}

func (g *Gen) role(b *strings.Builder, psql bool) {
	r := g.pick(roles) + fmt.Sprint("_", g.r.IntN(50))
	switch g.r.IntN(6) {
	case 0:
		fmt.Fprintf(b, "CREATE ROLE %s LOGIN PASSWORD 'Sup3r-%d' VALID UNTIL 'infinity';\n", r, g.r.IntN(1e6))
	case 1:
		fmt.Fprintf(b, "ALTER ROLE %s CREATEROLE;\n", r)
	case 2:
		if psql {
			fmt.Fprintf(b, "CREATE ROLE %s LOGIN PASSWORD :'%s_password';\n", r, r)
		} else {
			fmt.Fprintf(b, "CREATE ROLE %s LOGIN PASSWORD '${%s_PASSWORD}';\n", r, strings.ToUpper(r))
		}
	case 3:
		fmt.Fprintf(b, "ALTER ROLE %s SET statement_timeout = '30s';\n", r)
	default:
		fmt.Fprintf(b, "CREATE ROLE %s NOLOGIN;\nGRANT %s TO %s;\n", r, g.pick(roles), r)
	}
}

func (g *Gen) function(b *strings.Builder, s, t string) {
	switch g.r.IntN(3) {
	case 0:
		fmt.Fprintf(b, `CREATE OR REPLACE FUNCTION %s.touch_%s() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    IF NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO %s.audit_event (table_name, row_id, note) VALUES ('%s', NEW.id, 'status change');
    END IF;
    RETURN NEW;
END;
$$;
`, s, t, s, t)
	case 1:
		fmt.Fprintf(b, `CREATE FUNCTION %s.%s_count(p_tenant bigint) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER
AS $fn$
    SELECT count(*) FROM %s.%s WHERE tenant_id = p_tenant;
$fn$;
`, s, t, s, t)
	default:
		fmt.Fprintf(b, `CREATE FUNCTION %s.purge_%s(keep interval) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = %s, pg_temp AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE format('DELETE FROM %%I.%%I WHERE created_at < now() - $1', '%s', '%s') USING keep;
    GET DIAGNOSTICS n = ROW_COUNT;
    RAISE NOTICE 'purged %% rows', n;
END;
$$;
`, s, t, s, s, t)
	}
}

func (g *Gen) doBlock(b *strings.Builder, s, t string) {
	r := g.pick(roles)
	switch g.r.IntN(3) {
	case 0:
		fmt.Fprintf(b, `DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s') THEN
        CREATE ROLE %s NOLOGIN;
    END IF;
    GRANT USAGE ON SCHEMA %s TO %s;
END
$$;
`, r, r, s, r)
	case 1:
		fmt.Fprintf(b, `DO $do$
DECLARE
    rec record;
BEGIN
    FOR rec IN SELECT tablename FROM pg_tables WHERE schemaname = '%s' LOOP
        EXECUTE format('ALTER TABLE %%I.%%I OWNER TO migrator', '%s', rec.tablename);
    END LOOP;
END
$do$;
`, s, s)
	default:
		fmt.Fprintf(b, `DO $$
BEGIN
    UPDATE %s.%s SET status = 'active' WHERE status IS NULL;
    PERFORM pg_notify('migrations', '%s done');
END
$$;
`, s, t, t)
	}
}

func (g *Gen) foreignServer(b *strings.Builder) {
	n := g.r.IntN(1000)
	fmt.Fprintf(b, `CREATE SERVER reports_%d FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'reports.internal', dbname 'reports', sslmode 'require');
CREATE USER MAPPING FOR reporting SERVER reports_%d OPTIONS (user 'reporting', password 'r3p0rts-%d');
SELECT dblink_connect('conn_%d', 'host=replica.internal dbname=shop user=etl password=etl-%d');
`, n, n, n, n, n)
}

func (g *Gen) configFile(i int) (string, string) {
	svc := fmt.Sprintf("svc%02d", i/200)
	switch (i / 25) % 4 {
	case 0:
		return svc + "/deploy/pg_hba.conf", `# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  peer
host    all       all   127.0.0.1/32   scram-sha-256
hostssl shop      app   10.0.0.0/8     scram-sha-256
host    all       all   0.0.0.0/0      md5
`
	case 1:
		return svc + "/deploy/postgresql.conf", `listen_addresses = '*'
max_connections = 200
ssl = on
shared_preload_libraries = 'pg_stat_statements,pgaudit'
pgaudit.log = 'ddl, role'
log_min_duration_statement = 500  # ms
`
	case 2:
		return svc + "/deploy/values.yaml", fmt.Sprintf(`database:
  host: db-%d.internal
  port: 5432
  sslmode: require
  url: postgres://app:hunter2@db-%d.internal:5432/shop
replicas: 3
allowed_ips:
  - 10.1.0.0/16
  - 0.0.0.0/0
`, i, i)
	default:
		return svc + "/.env", fmt.Sprintf("PGHOST=db-%d.internal\nPGSSLMODE=disable\nPGPASSWORD=s3cret%d\nLOG_LEVEL=info\n", i, i)
	}
}
