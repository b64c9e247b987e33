package lint

import (
	"net/netip"
	"slices"
)

// Config is the parsed .grantguard.toml. The zero value is not useful; start
// from DefaultConfig.
type Config struct {
	// Path is the file the config was read from; empty for the defaults.
	Path string
	// Dir is the directory exclude globs are relative to.
	Dir string
	// Exclude holds slash-separated globs (with ** for any depth).
	Exclude []string
	// Disabled rules are never reported.
	Disabled map[string]bool
	// Severity overrides a rule's default severity.
	Severity map[string]Severity
	// SuperuserRoles are added to the built-in superuser-equivalent roles.
	SuperuserRoles []string
	// NotSuperuserRoles are taken off the built-in superuser-equivalent
	// roles: a platform where postgres is not a superuser, for example.
	NotSuperuserRoles []string
	// HistoryEvery reports each statement of a migration history, even
	// when a later migration undoes its problem.
	HistoryEvery bool
	// SQL says which .sql files are PostgreSQL.
	SQL SQLConfig
	// Tests adds to and takes from the test and fixture paths.
	Tests TestsConfig
	// ExemptHosts are hosts the sslmode rules skip (besides unix sockets).
	ExemptHosts []string
	Network     NetworkConfig
	Audit       AuditConfig
	Drift       DriftConfig
	// Roles is the declared role hierarchy, by role name.
	Roles map[string]RolePolicy
	// RequireDeclaredRoles makes a role that is granted privileges or
	// membership without a [roles.NAME] tier a role-tier-violation.
	RequireDeclaredRoles bool
	// API is [api]: the schemas and roles an HTTP API (Supabase,
	// PostgREST, PostGraphile) serves.
	API APIConfig
}

// APIConfig holds the [api] table. Without it, the settings are read from
// the project's supabase/config.toml or PostgREST config, if any.
type APIConfig struct {
	// Set is true when the config has an [api] table.
	Set bool
	// Schemas are the schemas the API exposes; nil when not given, and
	// then any schema an API role may use counts.
	Schemas []string
	// Roles are the roles API requests run as (DefaultAPIRoles when not
	// given).
	Roles []string
	// GrantsByDefault says the platform grants the API roles every table,
	// view, sequence and function of the exposed schemas (and USAGE on
	// public), as Supabase does: its default privileges are in place
	// before the first migration.
	GrantsByDefault bool
}

// DefaultAPIRoles are the API roles when none are configured: Supabase's
// request roles, which self-hosted PostgREST setups often reuse.
var DefaultAPIRoles = []string{"anon", "authenticated"}

// NetworkConfig holds the broad-cidr limits.
type NetworkConfig struct {
	MaxPublicPrefixV4  int
	MaxPublicPrefixV6  int
	MaxPrivatePrefixV4 int
	// Allow lists approved ranges that are never flagged.
	Allow []netip.Prefix
}

// AuditConfig holds the audit-logging-disabled options.
type AuditConfig struct {
	// RequireAudit makes a postgresql.conf without pgaudit in
	// shared_preload_libraries a finding.
	RequireAudit bool
}

// DriftConfig holds the [drift] keys: what grantguard drift compares.
type DriftConfig struct {
	// Schemas limits the objects compared to these schemas (the database
	// itself is always compared); empty means every schema.
	Schemas []string
	// IgnoreRoles are roles (path.Match globs) left out everywhere: the
	// platform's own roles, a monitoring agent's.
	IgnoreRoles []string
	// MigrationUser is the role the migrations run as; "" means postgres.
	MigrationUser string
}

// SQLConfig holds the [sql] globs, relative to the config file, that
// override the recognition of other SQL dialects both ways.
type SQLConfig struct {
	// Postgres files are always linted as PostgreSQL.
	Postgres []string
	// OtherDialects files are always left out as another dialect.
	OtherDialects []string
}

// TestsConfig holds the [tests] globs, relative to the config file.
type TestsConfig struct {
	// Paths are test and fixture paths besides the built-in ones.
	Paths []string
	// Lint are paths linted although a built-in pattern calls them tests.
	Lint []string
}

// RolePolicy is one [roles.NAME] table: the tier a role is declared to be.
type RolePolicy struct {
	Tier    string   // readonly, readwrite, admin or superuser
	Schemas []string // admin only: the schemas it may administer
	Allow   []string // exceptions, e.g. "TRUNCATE ON app.audit"
}

// SuperuserEquivalents are roles whose members can become superuser or
// read and write the server's files and run programs as its OS user;
// Config.SuperuserRoles adds to them.
var SuperuserEquivalents = []string{
	"postgres", "rds_superuser", "cloudsqlsuperuser", "azure_pg_admin",
	"pg_execute_server_program", "pg_write_server_files", "pg_read_server_files",
}

// IsSuperuserEquivalent reports whether membership in role makes a role
// superuser-equivalent: role is built in (and not taken off the list by
// not_superuser_roles) or added by superuser_roles.
func (c *Config) IsSuperuserEquivalent(role string) bool {
	if slices.Contains(c.SuperuserRoles, role) {
		return true
	}
	return slices.Contains(SuperuserEquivalents, role) && !slices.Contains(c.NotSuperuserRoles, role)
}

// DefaultExemptHosts are the hosts the sslmode rules skip when the config
// does not say otherwise: traffic that never leaves the machine.
var DefaultExemptHosts = []string{"localhost", "127.0.0.1", "::1"}

// DefaultConfig returns the configuration used when there is no config file.
func DefaultConfig() *Config {
	return &Config{
		Disabled:    map[string]bool{},
		Severity:    map[string]Severity{},
		ExemptHosts: append([]string(nil), DefaultExemptHosts...),
		Network: NetworkConfig{
			MaxPublicPrefixV4:  24,
			MaxPublicPrefixV6:  48,
			MaxPrivatePrefixV4: 8,
		},
		Roles: map[string]RolePolicy{},
	}
}
