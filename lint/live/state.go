// Package live holds what grantguard reads from a running PostgreSQL server:
// roles, memberships, object ownership and ACLs, default privileges,
// row-level security, routines, server settings, pg_hba.conf as the server
// parsed it and the connected sessions. Package livedb reads it; rules look
// at it through lint.LivePass; package access turns it into the same model
// the migrations are replayed into, for drift and the access report.
//
// The state never holds a password: pg_roles hides them, and pg_hba options
// that carry one (ldapbindpasswd) are replaced by Redacted when read.
package live

import "sync"

// Redacted replaces a secret in what is read from the server.
const Redacted = "********"

// State is one read of a server, from one database.
type State struct {
	Server Server
	Roles  []Role
	// Memberships are the rows of pg_auth_members.
	Memberships []Membership
	// Objects are the database itself, its schemas, and the tables,
	// sequences and routines in them (system schemas left out).
	Objects []Object
	// Defaults are the rows of pg_default_acl.
	Defaults []DefaultACL
	// Policies are the row-level security policies (pg_policy).
	Policies []Policy
	// Settings are the server parameters (pg_settings), by name order.
	Settings []Setting
	// RoleSettings are the settings of roles and databases.
	RoleSettings []RoleSetting
	// HBA is pg_hba.conf as the server loaded it (pg_hba_file_rules),
	// in file order; nil when it could not be read (see Notes).
	HBA []HBARule
	// Sessions are the client connections open while the state was read
	// (pg_stat_ssl with pg_stat_activity); nil when unreadable.
	Sessions []Session
	// Notes say what could not be read, and which privilege would allow
	// it: the state is complete except for those parts.
	Notes []string

	memo sync.Map
}

// Memo returns the value build returns for key, building it once per
// state: what several rules derive from the state (the access model) is
// built only once.
func (s *State) Memo(key string, build func() any) any {
	if v, ok := s.memo.Load(key); ok {
		return v
	}
	v, _ := s.memo.LoadOrStore(key, build())
	return v
}

// Forget drops what Memo built: call it after changing the state.
func (s *State) Forget() { s.memo.Clear() }

// Server describes the server and the session the state was read in.
type Server struct {
	Version    string // server_version, e.g. "15.8 (Debian 15.8-1)"
	VersionNum int    // server_version_num, e.g. 150008
	Database   string // the database connected to
	User       string // the role the audit connected as
	// Bootstrap is the bootstrap superuser (the role with OID 10, created
	// by initdb), which every cluster has.
	Bootstrap string
}

// Role is a row of pg_roles.
type Role struct {
	Name        string
	Superuser   bool
	Inherit     bool
	CreateRole  bool
	CreateDB    bool
	Login       bool
	Replication bool
	BypassRLS   bool
	// ValidUntil is rolvaliduntil as text ("infinity", a timestamp), ""
	// when NULL (the password never expires).
	ValidUntil string
}

// RoleSetting is a row of pg_db_role_setting: settings given by ALTER
// ROLE ... SET (Database ""), ALTER DATABASE ... SET (Role "") or ALTER
// ROLE ... IN DATABASE ... SET.
type RoleSetting struct {
	Database, Role string
	// Settings are name=value, as the server keeps them.
	Settings []string
}

// Predefined reports whether the role is one of PostgreSQL's predefined
// roles (pg_read_all_data, pg_monitor, ...).
func (r *Role) Predefined() bool { return len(r.Name) > 3 && r.Name[:3] == "pg_" }

// Attributes returns the attributes that are on, in PostgreSQL's keyword
// spelling and a fixed order.
func (r *Role) Attributes() []string {
	var out []string
	for _, a := range []struct {
		on   bool
		name string
	}{{r.Superuser, "SUPERUSER"}, {r.CreateDB, "CREATEDB"}, {r.CreateRole, "CREATEROLE"}, {r.Inherit, "INHERIT"},
		{r.Login, "LOGIN"}, {r.Replication, "REPLICATION"}, {r.BypassRLS, "BYPASSRLS"}} {
		if a.on {
			out = append(out, a.name)
		}
	}
	return out
}

// Membership is a row of pg_auth_members: Member is a member of Role.
type Membership struct {
	Role, Member, Grantor string
	Admin                 bool
}

// Kind is the kind of an object.
type Kind string

// The object kinds read from the server.
const (
	Database Kind = "database"
	Schema   Kind = "schema"
	Table    Kind = "table" // also views, materialized views, foreign and partitioned tables
	Sequence Kind = "sequence"
	Function Kind = "function" // also procedures
)

// Grant is one ACL item as aclexplode returns it. Grantee is a role name,
// or "PUBLIC".
type Grant struct {
	Grantee, Grantor, Privilege string
	Grantable                   bool
}

// Public is the grantee name of PUBLIC.
const Public = "PUBLIC"

// Object is a database, schema, table, sequence or routine.
type Object struct {
	Kind   Kind
	Schema string // "" for databases and schemas
	// Name is the object's name; a routine's includes its argument types,
	// as PostgreSQL identifies it: f(integer, text).
	Name  string
	Owner string
	// ACL is the object's ACL, acldefault() where it is NULL.
	ACL []Grant
	// DefaultACL is set when the ACL is NULL: the object has the
	// privileges every object of its kind starts with.
	DefaultACL bool
	// Columns holds column privileges, by column name.
	Columns map[string][]Grant
	// RelKind is pg_class.relkind for tables (r, v, m, f, p).
	RelKind string
	// RLS and ForceRLS are a table's relrowsecurity and relforcerowsecurity.
	RLS, ForceRLS bool
	// SecurityDefiner and Config are a routine's prosecdef and proconfig.
	SecurityDefiner bool
	Config          []string
	// Procedure is set for a routine that is a procedure.
	Procedure bool
}

// QualifiedName is the object's name, schema-qualified where it has a schema.
func (o *Object) QualifiedName() string {
	if o.Schema == "" {
		return o.Name
	}
	return o.Schema + "." + o.Name
}

// DefaultACL is a row of pg_default_acl: the privileges objects of Kind
// created by Role (in Schema, or in any schema when Schema is "") start with.
type DefaultACL struct {
	Role, Schema string
	Kind         Kind
	ACL          []Grant
}

// Policy is a row-level security policy.
type Policy struct {
	Schema, Table, Name string
	Permissive          bool
	Command             string   // ALL, SELECT, INSERT, UPDATE or DELETE
	Roles               []string // "PUBLIC" for the public pseudo-role
	Using, WithCheck    string   // the expressions as pg_get_expr shows them; "" when absent
}

// Setting is a row of pg_settings.
type Setting struct {
	Name, Value string
	// Source is where the value comes from: default, configuration file,
	// override, command line, ...
	Source string
	// File and Line name the configuration file line that set it, when
	// the reader may see them (superuser or pg_read_all_settings).
	File string
	Line int
}

// Setting returns the setting named name and whether the server has it.
func (s *State) Setting(name string) (Setting, bool) {
	for _, st := range s.Settings {
		if st.Name == name {
			return st, true
		}
	}
	return Setting{}, false
}

// HBARule is a row of pg_hba_file_rules.
type HBARule struct {
	File string // the file the server read it from
	Line int
	Type string // local, host, hostssl, ...
	// Databases and Users are the field's entries as the server split
	// them (keywords such as all and replication included).
	Databases, Users []string
	Address, Netmask string // "" where the line has none
	Method           string
	// Options are the name=value options; a value that is a secret
	// (ldapbindpasswd) is Redacted.
	Options []string
	// Error is the server's reason when it could not use the line.
	Error string
}

// Session is a client connection open when the state was read.
type Session struct {
	PID             int
	User, Database  string
	ClientAddr      string // "" for a Unix-domain socket
	SSL             bool
	Version, Cipher string // TLS version and cipher when SSL
}
