package rules

import (
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/access"
)

// RoleTierViolation checks the migration history against the [roles]
// policy of the config.
var RoleTierViolation = &lint.Rule{
	Meta: lint.Meta{
		ID:       "role-tier-violation",
		Severity: lint.Error,
		Title:    "A role gets a privilege beyond its declared tier",
		Rationale: "Least privilege is easiest to keep, and to review, with a small hierarchy of group roles that " +
			"login roles are made members of: readonly roles SELECT only, readwrite roles SELECT, INSERT, " +
			"UPDATE, DELETE, admin roles all privileges on specific schemas, superuser for emergencies. With " +
			"[roles.NAME] tier = ... in .grantguard.toml, the SQL migrations are replayed in migration order " +
			"(version prefix, else path order; Down sections left out) and a privilege, role attribute or " +
			"membership that takes a declared role beyond its tier — directly, through a role it is a member " +
			"of, by ownership or through default privileges — is reported at the statement that first gives " +
			"it. readonly: SELECT on tables, USAGE/SELECT on sequences, USAGE on schemas, CONNECT, EXECUTE. " +
			"readwrite: that plus INSERT, UPDATE, DELETE and sequence UPDATE. admin: anything on its schemas, " +
			"readwrite elsewhere. Only superuser may have SUPERUSER, CREATEROLE, CREATEDB, BYPASSRLS or " +
			"REPLICATION, or be a member of a superuser-equivalent role; membership in pg_write_all_data is " +
			"beyond readonly. What PUBLIC is granted counts for every role. A finding revoked and granted " +
			"again is reported again. With require_declared_roles = true (top level or [policy]), a role " +
			"granted anything without a tier is reported too. Nothing is reported without [roles].",
		References: []string{
			"PostgreSQL documentation, Role Membership — https://www.postgresql.org/docs/current/role-membership.html",
			"PostgreSQL documentation, Privileges — https://www.postgresql.org/docs/current/ddl-priv.html",
			"PostgreSQL documentation, ALTER DEFAULT PRIVILEGES — https://www.postgresql.org/docs/current/sql-alterdefaultprivileges.html",
			"PostgreSQL documentation, Predefined Roles — https://www.postgresql.org/docs/current/predefined-roles.html",
			"AWS Database Blog, Managing PostgreSQL users and roles — https://aws.amazon.com/blogs/database/managing-postgresql-users-and-roles/",
		},
		Bad: "# .grantguard.toml: [roles.app_readonly] tier = \"readonly\"\n" +
			"GRANT SELECT, INSERT ON shop.orders TO app_readonly;",
		Good: "GRANT SELECT ON shop.orders TO app_readonly;",
		Fix: "Grant only what the tier allows, or move the privilege to a role of a higher tier. For a " +
			"deliberate exception, list it in the role's allow, e.g. allow = [\"TRUNCATE ON app.audit\"].",
		Tags:             []string{"least-privilege", "grants", "policy"},
		Precision:        "high",
		SecuritySeverity: 7.5,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindConfig},
	},
	Project: checkRoleTiers,
	Role:    checkRoleTierViolationRole,
	Live:    liveRoleTierViolation,
}

// PolicyUser and PolicyDatabase name the superuser that runs the
// migrations and the database they run in, for the replay.
const (
	PolicyUser     = "postgres"
	PolicyDatabase = "postgres"
)

func checkRoleTiers(p *lint.ProjectPass) {
	if len(p.Config.Roles) == 0 {
		return
	}
	files := p.Files()
	ms := make([]access.Migration, 0, len(files))
	for _, f := range files {
		ms = append(ms, access.Migration{Path: f.Path, Src: f.Src})
	}
	_, vs := access.Check(access.Order(ms), PolicyUser, PolicyDatabase, p.Config)
	for _, v := range vs {
		p.Report(v.Path, v.At, "%s", v.Msg)
	}
}
