package rules

import (
	"regexp"
	"strings"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/cfgvalue"
	"github.com/grantguard/grantguard/lint/conninfo"
)

// HardcodedPassword flags literal passwords.
var HardcodedPassword = &lint.Rule{
	Meta: lint.Meta{
		ID:       "hardcoded-password",
		Severity: lint.Error,
		Title:    "Literal password in source",
		Rationale: "A password written in a migration, config file or program is in every clone, fork, backup and CI " +
			"log of the repository, cannot be rotated without a commit, and is usually the same in every " +
			"environment. Deleting it later leaves it in the history, so a committed password has to be " +
			"treated as leaked. Credentials belong in a secrets manager or the deployment's environment, " +
			"different in each environment. Not reported: placeholders (YourPass, <password>, service_key), " +
			"password hashes, values that only name a password, and the passwords of other servers " +
			"(MYSQL_ROOT_PASSWORD, a block with driver: mysql or port: 3306). In a PgBouncer auth_file " +
			"(userlist.txt), a password in clear and an MD5 hash are reported, since md5 authentication " +
			"accepts the hash in place of the password; a SCRAM secret is not, as it only verifies a password.",
		References: []string{
			"CWE-798: Use of Hard-coded Credentials — https://cwe.mitre.org/data/definitions/798.html",
			"OWASP Secrets Management Cheat Sheet — https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
			"PgBouncer configuration, Authentication file format — https://www.pgbouncer.org/config.html#authentication-file-format",
		},
		Bad:  "CREATE ROLE app_user LOGIN PASSWORD 'Summer2024!';",
		Good: "-- psql -v app_password=\"$APP_PASSWORD\" -f roles.sql\nCREATE ROLE app_user LOGIN PASSWORD :'app_password';",
		Fix: "Pass the password in at deploy time (a psql variable, an environment variable, a secrets " +
			"manager) or use certificate or IAM authentication; rotate the password that was committed.",
		Tags:             []string{"secrets", "passwords"},
		Precision:        "high",
		SecuritySeverity: 8.5,
		Kinds:            []lint.Kind{lint.KindSQL, lint.KindConfig, lint.KindEnv, lint.KindGo, lint.KindText, lint.KindPgBouncer, lint.KindUserList},
	},
	SQL:       checkHardcodedPassword,
	Value:     checkHardcodedPasswordValue,
	Text:      checkHardcodedPasswordText,
	PgBouncer: checkHardcodedPasswordPgBouncer,
	UserList:  checkHardcodedPasswordUserList,
}

func checkHardcodedPassword(p *lint.SQLPass, s *lint.Stmt) {
	if rs, ok := asRoleStmt(s); ok {
		for _, d := range rs.options {
			v, ok := defString(d)
			if d.Defname != "password" || !ok || v == "" || lint.IsPlaceholder(v) {
				continue // PASSWORD NULL, psql variables, templates
			}
			reportPasswordOption(p, s, d.Location, v, rs.verb+" "+rs.role+" sets")
		}
		return
	}
	if opts, stmt, _ := fdwOptions(s.Node); stmt != "" {
		for _, o := range opts {
			if o.name == "password" && o.value != "" && !lint.IsPlaceholder(o.value) {
				reportPasswordOption(p, s, o.loc, o.value, stmt+" stores")
			}
		}
		return
	}
	for _, c := range sqlConnStrings(s) {
		if !c.info.HasPassword {
			continue
		}
		sp := c.info.PasswordSpan
		p.Secret(s, c.lit, sp.Start, sp.End)
		p.ReportLiteral(s, c.lit, sp.Start, sp.End, "%s holds a literal password (%s)", c.where, lint.Redact(c.info.Password))
	}
}

// reportPasswordOption reports a password given as a string constant after
// location loc, and marks it as a secret.
func reportPasswordOption(p *lint.SQLPass, s *lint.Stmt, loc int32, v, what string) {
	kind := "a literal password"
	if u := strings.ToUpper(v); strings.HasPrefix(u, "SCRAM-SHA-256$") || strings.HasPrefix(u, "MD5") && len(v) == 35 {
		kind = "a password hash" // still crackable offline, and md5 hashes log in as is
	}
	lit, ok := s.LiteralWithValue(loc, v)
	if !ok {
		p.Report(s, loc, "%s %s (%s)", what, kind, lint.Redact(v))
		return
	}
	p.Secret(s, lit, 0, len(lit.Value))
	p.ReportLiteral(s, lit, 0, len(lit.Value), "%s %s (%s)", what, kind, lint.Redact(v))
}

func checkHardcodedPasswordValue(p *lint.FilePass, v *cfgvalue.Value) {
	if passwordKey(v.Key) && !strings.EqualFold(v.Key, "PWD") && !strings.EqualFold(v.Key, "OLDPWD") && !hashedKey(v.Key) &&
		!otherDatabaseKey(v.Key) && !otherDatabase(p.Values, v) &&
		(literalValue(v) && !conninfo.NamesPassword(v.Key, v.Text) || v.Kind == cfgvalue.Number && len(strings.TrimLeft(v.Text, "+-")) >= 4) {
		if ms := valueConnStrings(v); len(ms) == 0 { // a URL under a password key is checked below
			p.SecretRange(v.Start, v.End)
			p.Report(v.Start, v.End, "%s holds a literal password (%s)", v.Key, lint.Redact(v.Text))
			return
		}
	}
	// environment: ["POSTGRES_PASSWORD=secret"] (docker-compose list form).
	if name, val, off, ok := envAssignment(v); ok && passwordKey(name) && !strings.EqualFold(name, "PWD") && !otherDatabaseKey(name) {
		if t := strings.TrimSpace(val); t != "" && !conninfo.IsTemplate(t) && !lint.IsPlaceholder(t) && !strings.HasPrefix(t, "$") &&
			!conninfo.NamesPassword(name, t) {
			a, b := valueSpan(v, off, off+len(val))
			p.SecretRange(a, b)
			p.Report(a, b, "%s holds a literal password (%s)", name, lint.Redact(val))
			return
		}
	}
	for _, m := range valueConnStrings(v) {
		if !m.Info.HasPassword {
			continue
		}
		a, b := valueSpan(v, m.Info.PasswordSpan.Start, m.Info.PasswordSpan.End)
		p.SecretRange(a, b)
		p.Report(a, b, "connection string in %s holds a literal password (%s)", valueName(v), lint.Redact(m.Info.Password))
	}
}

// pgpasswordRE finds PGPASSWORD settings in shell scripts and Dockerfiles:
// PGPASSWORD=secret, export PGPASSWORD="secret", ENV PGPASSWORD secret.
var pgpasswordRE = regexp.MustCompile(`(?:\bENV\s+PGPASSWORD\s+|\bPGPASSWORD\s*=\s*)("[^"]*"|'[^']*'|[^\s;&|)'"]+)`)

func checkHardcodedPasswordText(p *lint.FilePass, l lint.Line) {
	for _, m := range conninfo.Find(l.Text) {
		if m.Info.HasPassword {
			sp := m.Info.PasswordSpan
			p.SecretRange(l.Start+sp.Start, l.Start+sp.End)
			p.Report(l.Start+sp.Start, l.Start+sp.End, "connection string holds a literal password (%s)", lint.Redact(m.Info.Password))
		}
	}
	for _, m := range pgpasswordRE.FindAllStringSubmatchIndex(l.Text, -1) {
		a, b := m[2], m[3]
		v := l.Text[a:b]
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') {
			a, b, v = a+1, b-1, v[1:len(v)-1]
		}
		if v == "" || conninfo.IsTemplate(v) || strings.HasPrefix(v, "$") || conninfo.NamesPassword("PGPASSWORD", v) {
			continue
		}
		p.SecretRange(l.Start+a, l.Start+b)
		p.Report(l.Start+a, l.Start+b, "PGPASSWORD is set to a literal password (%s)", lint.Redact(v))
	}
}

// hashedKey reports whether a key names a stored hash of a password
// (hashed_password, encrypted_password, password_digest): its value is not
// the password.
func hashedKey(key string) bool {
	k := strings.ToLower(key)
	return strings.Contains(k, "hash") || strings.Contains(k, "encrypted") || strings.Contains(k, "digest")
}

// otherDatabases names the databases whose passwords are not PostgreSQL's,
// as keys and settings spell them.
var otherDatabases = regexp.MustCompile(`(?i)mysql|mariadb|sqlite|mongo|redis|cassandra|elastic|mssql|sqlserver|oracle|clickhouse|rabbitmq|amqp|ldap|smtp|mail`)

// otherDatabaseKey reports whether a key names the password of another
// server: MYSQL_ROOT_PASSWORD, MONGO_INITDB_ROOT_PASSWORD, redis_password.
func otherDatabaseKey(key string) bool { return otherDatabases.MatchString(key) }

// otherDatabase reports whether v sits beside a setting that says its
// block is for another database: pluginName: mysql8, driver: mysql,
// adapter: sqlite3, port: 3306.
func otherDatabase(values []cfgvalue.Value, v *cfgvalue.Value) bool {
	if o := sibling(values, v, "pluginName", "plugin", "driver", "adapter", "engine", "dialect", "db_type", "dbType", "scheme"); o != nil && otherDatabases.MatchString(o.Text) {
		return true
	}
	if o := sibling(values, v, "port"); o != nil {
		switch strings.TrimSpace(o.Text) {
		case "3306", "27017", "6379", "1433", "1521", "9000":
			return true
		}
	}
	return false
}
