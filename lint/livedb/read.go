package livedb

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/grantguard/grantguard/lint/conninfo"
	"github.com/grantguard/grantguard/lint/live"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Read connects (see Connect), reads the state and closes the connection.
func Read(ctx context.Context, opts Options) (*live.State, error) {
	conn, err := Connect(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer func() { _ = conn.Close(context.Background()) }()
	return ReadConn(ctx, conn)
}

// ReadConn reads the state over conn in one READ ONLY transaction, which
// it rolls back. What the role may not read is a note naming the
// privilege that would let it, not an error; an error is a failure of the
// connection or of a catalog every role may read.
func ReadConn(ctx context.Context, conn *pgx.Conn) (*live.State, error) {
	tx, err := begin(ctx, conn)
	if err != nil {
		return nil, &Error{"begin a read-only transaction", errText(err)}
	}
	defer func() { _ = tx.Rollback(context.Background()) }()
	r := &reader{ctx: ctx, tx: tx, st: &live.State{}}
	steps := []struct {
		what string
		read func() error
	}{
		{"read the server and session", r.server},
		{"read roles", r.roles},
		{"read role memberships", r.memberships},
		{"read object privileges", r.objects},
		{"read column privileges", r.columns},
		{"read default privileges", r.defaults},
		{"read row-level security policies", r.policies},
		{"read server settings", r.settings},
		{"read role and database settings", r.roleSettings},
		{"read pg_hba.conf rules", r.hba},
		{"read sessions", r.sessions},
	}
	for _, s := range steps {
		if err := s.read(); err != nil {
			return nil, &Error{s.what, errText(err)}
		}
	}
	return r.st, nil
}

// begin starts the transaction everything is read in: READ ONLY, so no
// statement in it can write (ALTER SYSTEM, which read-only sessions may
// run, cannot run in a transaction block), and REPEATABLE READ, so every
// query sees the same snapshot.
func begin(ctx context.Context, conn *pgx.Conn) (pgx.Tx, error) {
	return conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
}

func errText(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Message + " (SQLSTATE " + pgErr.Code + ")"
	}
	return err.Error()
}

type reader struct {
	ctx context.Context
	tx  pgx.Tx
	st  *live.State
	// What the session's role may read beyond what every role may.
	superuser, readAllSettings, readAllStats, hbaRules bool
}

// query runs q and calls scan for each row.
func (r *reader) query(q string, scan func(pgx.Rows) error) error {
	rows, err := r.tx.Query(r.ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (r *reader) server() error {
	return r.query(`SELECT current_setting('server_version'), current_setting('server_version_num')::int,
  current_database(), current_user, (SELECT rolname FROM pg_roles WHERE oid = 10),
  (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
  pg_has_role(current_user, 'pg_read_all_settings', 'USAGE'),
  pg_has_role(current_user, 'pg_read_all_stats', 'USAGE'),
  has_function_privilege('pg_hba_file_rules()', 'EXECUTE')
    AND has_table_privilege('pg_catalog.pg_hba_file_rules', 'SELECT')`, func(rows pgx.Rows) error {
		s := &r.st.Server
		return rows.Scan(&s.Version, &s.VersionNum, &s.Database, &s.User, &s.Bootstrap,
			&r.superuser, &r.readAllSettings, &r.readAllStats, &r.hbaRules)
	})
}

func (r *reader) roles() error {
	return r.query(`SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,
  rolbypassrls, coalesce(rolvaliduntil::text, '')
FROM pg_roles ORDER BY rolname`, func(rows pgx.Rows) error {
		var ro live.Role
		if err := rows.Scan(&ro.Name, &ro.Superuser, &ro.Inherit, &ro.CreateRole, &ro.CreateDB, &ro.Login,
			&ro.Replication, &ro.BypassRLS, &ro.ValidUntil); err != nil {
			return err
		}
		r.st.Roles = append(r.st.Roles, ro)
		return nil
	})
}

func (r *reader) memberships() error {
	return r.query(`SELECT r.rolname, m.rolname, coalesce(g.rolname, ''), am.admin_option
FROM pg_auth_members am JOIN pg_roles r ON r.oid = am.roleid JOIN pg_roles m ON m.oid = am.member
LEFT JOIN pg_roles g ON g.oid = am.grantor ORDER BY 1, 2, 3`, func(rows pgx.Rows) error {
		var ms live.Membership
		if err := rows.Scan(&ms.Role, &ms.Member, &ms.Grantor, &ms.Admin); err != nil {
			return err
		}
		r.st.Memberships = append(r.st.Memberships, ms)
		return nil
	})
}

// userSchema leaves out the system schemas.
const userSchema = `n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'`

// objectsQuery lists the database, its schemas, relations and routines
// with one row per ACL item (aclexplode of the ACL, or of acldefault()
// where it is NULL), and one row with NULL items for an empty ACL.
// Routines are named by their argument types, as the access model names
// them. Names are text: a union's first branch of type name would cut
// longer routine names to NAMEDATALEN.
const objectsQuery = `WITH objs AS (
  SELECT 'database' AS kind, ''::text AS schema, d.datname::text AS name, d.datdba AS owner, d.datacl IS NULL AS dflt,
    coalesce(d.datacl, acldefault('d', d.datdba)) AS acl, '' AS relkind, false AS rls, false AS force,
    false AS secdef, '{}'::text[] AS config, false AS proc
  FROM pg_database d WHERE d.datname = current_database()
  UNION ALL
  SELECT 'schema', '', n.nspname::text, n.nspowner, n.nspacl IS NULL, coalesce(n.nspacl, acldefault('n', n.nspowner)),
    '', false, false, false, '{}', false
  FROM pg_namespace n WHERE ` + userSchema + `
  UNION ALL
  SELECT CASE c.relkind WHEN 'S' THEN 'sequence' ELSE 'table' END, n.nspname::text, c.relname::text, c.relowner, c.relacl IS NULL,
    coalesce(c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner)),
    c.relkind::text, c.relrowsecurity, c.relforcerowsecurity, false, '{}', false
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p', 'S') AND ` + userSchema + `
  UNION ALL
  SELECT 'function', n.nspname::text, p.proname || '(' || oidvectortypes(p.proargtypes) || ')', p.proowner,
    p.proacl IS NULL, coalesce(p.proacl, acldefault('f', p.proowner)), '', false, false, p.prosecdef,
    coalesce(p.proconfig, '{}'), p.prokind = 'p'
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE p.prokind IN ('f', 'p') AND ` + userSchema + `
)
SELECT o.kind, o.schema, o.name, pg_get_userbyid(o.owner), o.dflt, o.relkind, o.rls, o.force, o.secdef, o.config, o.proc,
  CASE WHEN a.grantee IS NULL THEN NULL WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END,
  pg_get_userbyid(a.grantor), a.privilege_type, a.is_grantable
FROM objs o LEFT JOIN LATERAL aclexplode(o.acl) a ON true
ORDER BY 1, 2, 3`

func (r *reader) objects() error {
	var cur *live.Object
	return r.query(objectsQuery, func(rows pgx.Rows) error {
		var o live.Object
		var kind string
		var grantee, grantor, priv *string
		var grantable *bool
		if err := rows.Scan(&kind, &o.Schema, &o.Name, &o.Owner, &o.DefaultACL, &o.RelKind, &o.RLS, &o.ForceRLS,
			&o.SecurityDefiner, &o.Config, &o.Procedure, &grantee, &grantor, &priv, &grantable); err != nil {
			return err
		}
		o.Kind = live.Kind(kind)
		if cur == nil || cur.Kind != o.Kind || cur.Schema != o.Schema || cur.Name != o.Name {
			r.st.Objects = append(r.st.Objects, o)
			cur = &r.st.Objects[len(r.st.Objects)-1]
		}
		if grantee != nil {
			cur.ACL = append(cur.ACL, live.Grant{Grantee: *grantee, Grantor: deref(grantor), Privilege: deref(priv),
				Grantable: grantable != nil && *grantable})
		}
		return nil
	})
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func (r *reader) columns() error {
	index := make(map[string]*live.Object, len(r.st.Objects))
	for i := range r.st.Objects {
		o := &r.st.Objects[i]
		if o.Kind == live.Table {
			index[o.Schema+"\x00"+o.Name] = o
		}
	}
	return r.query(`SELECT n.nspname, c.relname, att.attname,
  CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END, pg_get_userbyid(a.grantor),
  a.privilege_type, a.is_grantable
FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace,
  aclexplode(att.attacl) a
WHERE att.attnum > 0 AND NOT att.attisdropped AND att.attacl IS NOT NULL AND `+userSchema+`
ORDER BY 1, 2, 3`, func(rows pgx.Rows) error {
		var schema, table, col string
		var g live.Grant
		if err := rows.Scan(&schema, &table, &col, &g.Grantee, &g.Grantor, &g.Privilege, &g.Grantable); err != nil {
			return err
		}
		if o := index[schema+"\x00"+table]; o != nil {
			if o.Columns == nil {
				o.Columns = map[string][]live.Grant{}
			}
			o.Columns[col] = append(o.Columns[col], g)
		}
		return nil
	})
}

func (r *reader) defaults() error {
	kinds := map[string]live.Kind{"r": live.Table, "S": live.Sequence, "f": live.Function, "n": live.Schema}
	type key struct{ role, schema, kind string }
	var last *key
	return r.query(`SELECT pg_get_userbyid(d.defaclrole), coalesce(n.nspname, ''), d.defaclobjtype::text,
  CASE WHEN a.grantee IS NULL THEN NULL WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END,
  pg_get_userbyid(a.grantor), a.privilege_type, a.is_grantable
FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
  LEFT JOIN LATERAL aclexplode(d.defaclacl) a ON true
ORDER BY 1, 2, 3`, func(rows pgx.Rows) error {
		var k key
		var grantee, grantor, priv *string
		var grantable *bool
		if err := rows.Scan(&k.role, &k.schema, &k.kind, &grantee, &grantor, &priv, &grantable); err != nil {
			return err
		}
		kind, ok := kinds[k.kind]
		if !ok {
			return nil // types ('T') and large objects are not modelled
		}
		if last == nil || *last != k {
			r.st.Defaults = append(r.st.Defaults, live.DefaultACL{Role: k.role, Schema: k.schema, Kind: kind})
			last = &k
		}
		if grantee != nil {
			d := &r.st.Defaults[len(r.st.Defaults)-1]
			d.ACL = append(d.ACL, live.Grant{Grantee: *grantee, Grantor: deref(grantor), Privilege: deref(priv),
				Grantable: grantable != nil && *grantable})
		}
		return nil
	})
}

func (r *reader) policies() error {
	return r.query(`SELECT n.nspname, c.relname, p.polname, p.polpermissive,
  CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END,
  ARRAY(SELECT CASE WHEN x = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x) END FROM unnest(p.polroles) x),
  coalesce(pg_get_expr(p.polqual, p.polrelid), ''), coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
ORDER BY 1, 2, 3`, func(rows pgx.Rows) error {
		var p live.Policy
		if err := rows.Scan(&p.Schema, &p.Table, &p.Name, &p.Permissive, &p.Command, &p.Roles, &p.Using, &p.WithCheck); err != nil {
			return err
		}
		r.st.Policies = append(r.st.Policies, p)
		return nil
	})
}

func (r *reader) settings() error {
	err := r.query(`SELECT name, coalesce(setting, ''), source, coalesce(sourcefile, ''), coalesce(sourceline, 0)
FROM pg_settings ORDER BY name`, func(rows pgx.Rows) error {
		var s live.Setting
		if err := rows.Scan(&s.Name, &s.Value, &s.Source, &s.File, &s.Line); err != nil {
			return err
		}
		s.Value = redactSetting(s.Value)
		r.st.Settings = append(r.st.Settings, s)
		return nil
	})
	if err == nil && !r.superuser && !r.readAllSettings {
		r.note("settings only superusers may see (shared_preload_libraries among them) and the file and line " +
			"each setting comes from were not read: grant the role pg_read_all_settings")
	}
	return err
}

// redactSetting takes the passwords out of a setting's value: a
// connection string (primary_conninfo) may hold one, and the state never
// does. A value that names a password but does not parse is redacted
// whole.
func redactSetting(v string) string {
	info, err := conninfo.Parse(v)
	if err != nil {
		if strings.Contains(strings.ToLower(v), "password") {
			return live.Redacted
		}
		return v
	}
	spans := info.SecretSpans
	for i := len(spans) - 1; i >= 0; i-- { // from the end, so earlier offsets hold
		v = v[:spans[i].Start] + live.Redacted + v[spans[i].End:]
	}
	return v
}

func (r *reader) roleSettings() error {
	return r.query(`SELECT coalesce(d.datname, ''), coalesce(ro.rolname, ''), coalesce(s.setconfig, '{}')
FROM pg_db_role_setting s LEFT JOIN pg_database d ON d.oid = s.setdatabase LEFT JOIN pg_roles ro ON ro.oid = s.setrole
ORDER BY 1, 2`, func(rows pgx.Rows) error {
		var rs live.RoleSetting
		if err := rows.Scan(&rs.Database, &rs.Role, &rs.Settings); err != nil {
			return err
		}
		r.st.RoleSettings = append(r.st.RoleSettings, rs)
		return nil
	})
}

func (r *reader) hba() error {
	if !r.superuser && !r.hbaRules {
		r.note("pg_hba.conf rules were not read: by default only superusers may read pg_hba_file_rules; " +
			"GRANT SELECT ON pg_catalog.pg_hba_file_rules and GRANT EXECUTE ON FUNCTION pg_catalog.pg_hba_file_rules() to the role")
		return nil
	}
	r.st.HBA = []live.HBARule{}
	// file_name is PostgreSQL 16's (include directives); before, the
	// rules are all in hba_file.
	return r.query(`SELECT coalesce(to_jsonb(h)->>'file_name', current_setting('hba_file', true), ''),
  coalesce(line_number, 0), coalesce(type, ''),
  coalesce(database, '{}'), coalesce(user_name, '{}'), coalesce(address, ''), coalesce(netmask, ''),
  coalesce(auth_method, ''), coalesce(options, '{}'), coalesce(error, '')
FROM pg_hba_file_rules h ORDER BY line_number`, func(rows pgx.Rows) error {
		var h live.HBARule
		if err := rows.Scan(&h.File, &h.Line, &h.Type, &h.Databases, &h.Users, &h.Address, &h.Netmask, &h.Method,
			&h.Options, &h.Error); err != nil {
			return err
		}
		for i, o := range h.Options {
			if k, _, ok := strings.Cut(o, "="); ok && strings.EqualFold(k, "ldapbindpasswd") {
				h.Options[i] = k + "=" + live.Redacted
			}
		}
		r.st.HBA = append(r.st.HBA, h)
		return nil
	})
}

func (r *reader) sessions() error {
	if !r.superuser && !r.readAllStats {
		r.note("whether other roles' sessions use TLS was not read: grant the role pg_read_all_stats")
	}
	r.st.Sessions = []live.Session{}
	// Without pg_read_all_stats, other roles' rows show NULL for ssl: they
	// are left out rather than taken for sessions without TLS.
	return r.query(`SELECT a.pid, coalesce(a.usename, ''), coalesce(a.datname, ''), coalesce(host(a.client_addr), ''),
  coalesce(s.ssl, false), coalesce(s.version, ''), coalesce(s.cipher, '')
FROM pg_stat_activity a JOIN pg_stat_ssl s ON s.pid = a.pid
WHERE a.backend_type = 'client backend' AND a.usename IS NOT NULL AND s.ssl IS NOT NULL
ORDER BY a.pid`, func(rows pgx.Rows) error {
		var s live.Session
		if err := rows.Scan(&s.PID, &s.User, &s.Database, &s.ClientAddr, &s.SSL, &s.Version, &s.Cipher); err != nil {
			return err
		}
		r.st.Sessions = append(r.st.Sessions, s)
		return nil
	})
}

func (r *reader) note(format string, args ...any) {
	r.st.Notes = append(r.st.Notes, fmt.Sprintf(format, args...))
}
