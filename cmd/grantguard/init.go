package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// starterConfig is what "grantguard init" writes: every section of the
// config with the defaults spelled out, and a role hierarchy of the four
// tiers (readonly, readwrite, admin, superuser) to rename and fill in.
// TestInitConfigLoads keeps it loadable.
const starterConfig = `# grantguard configuration. Docs: https://github.com/grantguard/grantguard#configuration-grantguardtoml
# Unknown keys and bad values are errors, so a typo cannot switch a check off.

# Globs (relative to this file, "**" spans directories) that are never linted
# when a directory is walked. A file named on the command line is always linted.
exclude = [
  # "legacy/**",
]

# Roles with superuser power on your platform, added to the built-in list
# (postgres, rds_superuser, cloudsqlsuperuser, azure_pg_admin, pg_*_server_*).
# Top-level key: it must stay above the first [table].
superuser_roles = [
  # "supabase_admin",
]
# Built-in names that are not superuser-equivalent on your platform.
not_superuser_roles = [
  # "postgres",
]

# "final": a problem a later migration undoes (a GRANT ALL later revoked, a
# SUPERUSER later taken away) is not reported. "every": each statement is.
history = "final"

[sql]
# .sql files of other databases are left out: by their path (schema/mysql/,
# 0001_init.sqlite3.up.sql) or by syntax PostgreSQL does not have. Globs
# that decide either way:
postgres = []         # always PostgreSQL
other_dialects = []   # always left out

[tests]
# Test and fixture paths (test/, tests/, regress/, fixtures/, test_*, ...)
# are left out unless "grantguard check --tests".
paths = []            # more test paths
lint = []             # test paths linted anyway

[rules]
# Turn rules off, or change their severity (error, warning, note).
# "grantguard rules" lists them; "grantguard explain RULE" documents one.
disable = []
# severity = { grant-to-public = "error", missing-sslmode = "note" }

[network]
# broad-cidr: the widest allowlist entry (pg_hba.conf address, allowed_ips,
# authorized_networks, source_ranges, ...) accepted without a finding.
max_public_prefix_v4 = 24   # public IPv4: a /24 (256 addresses) at most
max_public_prefix_v6 = 48   # public IPv6: a /48 at most
max_private_prefix_v4 = 8   # private IPv4: 10.0.0.0/8 at most
# Approved ranges that are never flagged, e.g. your VPN egress.
allow = [
  # "198.51.100.0/22",
]

[tls]
# Hosts the sslmode rules skip, besides unix sockets: traffic that never
# leaves the machine. Setting this replaces the list.
exempt_hosts = ["localhost", "127.0.0.1", "::1"]

[audit]
# true: a postgresql.conf must load pgaudit (shared_preload_libraries).
require_audit = false

[drift]
# grantguard drift compares a live server with the migrations. Limit it to
# some schemas (default: all), leave out roles the platform manages (globs),
# and name the role the migrations run as (default: postgres).
# schemas = ["app"]
# ignore_roles = ["rdsadmin", "rds_*", "cloudsql*"]
# migration_user = "postgres"

# An HTTP API over the database (Supabase, PostgREST, PostGraphile): the
# schemas it serves and the roles its requests run as, for rls-disabled,
# permissive-rls-policy, security-definer-view and
# function-executable-by-public. Without [api], supabase/config.toml or a
# PostgREST config beside the migrations is read; without either, the
# roles anon and authenticated reach what the migrations grant them.
# [api]
# schemas = ["public"]
# roles = ["anon", "authenticated"]
# grants_by_default = true   # the platform grants the roles all of schemas (Supabase)

# The role hierarchy, checked by role-tier-violation: a privilege or role
# membership granted beyond a role's tier is an error at the GRANT. Rename
# these to your roles, add more, or delete the ones you do not have.

[roles.app_readonly]
# Reporting, analytics, read replicas: SELECT (and USAGE, CONNECT) only.
tier = "readonly"

[roles.app_readwrite]
# Application service accounts: SELECT, INSERT, UPDATE, DELETE
# (and USAGE, CONNECT; sequences USAGE, SELECT, UPDATE).
tier = "readwrite"

[roles.migrator]
# Schema migrations and maintenance: every privilege, on these schemas only.
tier = "admin"
schemas = ["public"]

[roles.breakglass]
# Emergency access only, heavily audited: the one tier that may be SUPERUSER.
tier = "superuser"
`

// defaultConfigName is the file check reads from the current directory.
const defaultConfigName = ".grantguard.toml"

func runInit(args []string, stdout, stderr io.Writer) int {
	if len(args) > 1 || len(args) == 1 && len(args[0]) > 0 && args[0][0] == '-' {
		if len(args) == 1 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fmt.Fprintf(stdout, "Usage: grantguard init [FILE]\n\nWrites a commented starter config to FILE (default %s); never overwrites.\n", defaultConfigName)
			return exitOK
		}
		fmt.Fprintln(stderr, "usage: grantguard init [FILE]")
		return exitError
	}
	path := defaultConfigName
	if len(args) == 1 {
		path = args[0]
	}
	// O_EXCL: an existing file, even one created a moment ago by someone
	// else, is never overwritten.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(stderr, "grantguard: %s already exists; not overwriting it (remove it first to start over)\n", path)
		return exitError
	}
	if err != nil {
		fmt.Fprintf(stderr, "grantguard: %v\n", err)
		return exitError
	}
	_, werr := io.WriteString(f, starterConfig)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		fmt.Fprintf(stderr, "grantguard: writing %s: %v\n", path, werr)
		return exitError
	}
	fmt.Fprintf(stdout, "wrote %s: review the role hierarchy, then run grantguard check\n", path)
	return exitOK
}
