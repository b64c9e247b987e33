package rules

import (
	"strings"

	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/cfgvalue"
	"github.com/grantguard/grantguard/lint/conninfo"
	"github.com/grantguard/grantguard/lint/pgconf"
)

// This file reads managed PostgreSQL servers out of infrastructure code:
// Terraform resources and modules (AWS RDS and Aurora, Google Cloud SQL,
// Azure Database for PostgreSQL) and CloudFormation templates. The rules
// ask it two things about a config value: which resource or module it
// belongs to (cloudScopeOf), and whether it is the value of a server
// parameter set there (cloudServerParam).

// cloudScope is the Terraform resource or module, or the CloudFormation
// resource, a config value is written in.
type cloudScope struct {
	// kind is the Terraform resource type ("aws_db_instance"), "module",
	// or the CloudFormation resource type ("AWS::RDS::DBInstance").
	kind string
	// prefix is the path of the block's attributes: resource.TYPE.NAME,
	// module.NAME, or Resources.NAME.Properties.
	prefix []string
	values []cfgvalue.Value
	// cfn marks a CloudFormation resource; src is set when its template
	// is YAML, where an intrinsic function is a tag on a scalar.
	cfn bool
	src []byte
}

// cloudScopeOf returns the scope of v: in a Terraform file the resource or
// module block it is in, in a YAML or JSON file the CloudFormation
// resource whose Properties hold it (a document is one when the resource
// has a Type starting with "AWS::"; the resources section of a Serverless
// Framework file is one too).
func cloudScopeOf(p *lint.FilePass, v *cfgvalue.Value) (cloudScope, bool) {
	path := v.Path
	switch p.Format {
	case "terraform":
		switch {
		case len(path) >= 4 && path[0] == "resource":
			return cloudScope{kind: path[1], prefix: path[:3], values: p.Values}, true
		case len(path) >= 3 && path[0] == "module":
			return cloudScope{kind: "module", prefix: path[:2], values: p.Values}, true
		}
	case "yaml", "json":
		i := cfnResources(path)
		if i < 0 || len(path) < i+4 || path[i+2] != "Properties" {
			return cloudScope{}, false
		}
		t := findValue(p.Values, append(path[:i+2:i+2], "Type")...)
		if t == nil || t.Kind != cfgvalue.String || !strings.HasPrefix(t.Text, "AWS::") {
			return cloudScope{}, false
		}
		s := cloudScope{kind: t.Text, prefix: path[:i+3], values: p.Values, cfn: true}
		if p.Format == "yaml" {
			s.src = p.File.Src
		}
		return s, true
	}
	return cloudScope{}, false
}

// cfnResources returns the index of the Resources section of a
// CloudFormation template in path: 0 in a template, 1 in a Serverless
// Framework file (resources.Resources), -1 when there is none.
func cfnResources(path []string) int {
	switch {
	case len(path) > 0 && path[0] == "Resources":
		return 0
	case len(path) > 1 && path[0] == "resources" && path[1] == "Resources":
		return 1
	}
	return -1
}

// findValue returns the value written at exactly path, or nil.
func findValue(values []cfgvalue.Value, path ...string) *cfgvalue.Value {
	for i := range values {
		if samePath(values[i].Path, path) {
			return &values[i]
		}
	}
	return nil
}

// attr returns the scope's attribute (CloudFormation property) name.
func (s cloudScope) attr(name string) *cfgvalue.Value {
	for i := range s.values {
		o := &s.values[i]
		if len(o.Path) == len(s.prefix)+1 && o.Path[len(s.prefix)] == name && samePath(o.Path[:len(s.prefix)], s.prefix) {
			return o
		}
	}
	return nil
}

// literal returns the text of the scope's attribute name when it is a
// literal, following a Terraform local.x reference to a literal in the
// file's locals blocks. known is false when the attribute is absent or
// not a literal.
func (s cloudScope) literal(name string) (text string, known bool) {
	v := s.attr(name)
	if v == nil {
		return "", false
	}
	if v.Template && !s.cfn {
		if local, ok := strings.CutPrefix(v.Text, "local."); ok && identifier(local) {
			for i := range s.values {
				o := &s.values[i]
				if len(o.Path) == 3 && o.Path[0] == "locals" && o.Path[2] == local {
					v = o
					break
				}
			}
		}
	}
	if v.Template || v.Kind != cfgvalue.String || s.src != nil && yamlTagged(s.src, v.Start) {
		return "", false
	}
	return v.Text, true
}

func identifier(s string) bool {
	for i, r := range s {
		if r != '_' && r != '-' && (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return s != ""
}

// depth is how far below the scope's attributes v is written: 1 for an
// attribute of the block itself.
func (s cloudScope) depth(v *cfgvalue.Value) int { return len(v.Path) - len(s.prefix) }

// notPostgres reports whether the scope says, by a literal engine,
// parameter group family or database version, that its database is not
// PostgreSQL. When nothing tells (a variable, no such attribute), the
// database may be PostgreSQL.
func (s cloudScope) notPostgres() bool {
	for _, name := range []string{"engine", "Engine", "family", "Family", "database_version",
		"db_parameter_group_family", "db_cluster_parameter_group_family"} {
		if t, ok := s.literal(name); ok {
			return !postgresEngine(t)
		}
	}
	// An RDS cluster without an engine is Aurora MySQL, the provider's
	// default.
	return s.kind == "aws_rds_cluster" && s.attr("engine") == nil
}

// postgresEngine reports whether an engine name, parameter group family
// or Cloud SQL database version names PostgreSQL: postgres, postgres16,
// aurora-postgresql, aurora-postgresql15, POSTGRES_16.
func postgresEngine(t string) bool {
	t = strings.ToLower(strings.TrimSpace(t))
	return strings.HasPrefix(t, "postgres") || strings.HasPrefix(t, "aurora-postgresql")
}

// moduleSource returns the source of a module scope, lower-cased, or ""
// when it is not a literal.
func (s cloudScope) moduleSource() string {
	if s.kind != "module" {
		return ""
	}
	t, _ := s.literal("source")
	return strings.ToLower(t)
}

// rdsModule reports whether a module scope is an RDS or Aurora database:
// the terraform-aws-modules rds or rds-aurora module (registry or Git
// source), or any module given a literal PostgreSQL engine.
func (s cloudScope) rdsModule() bool {
	if s.kind != "module" {
		return false
	}
	src := s.moduleSource()
	if strings.HasPrefix(src, "terraform-aws-modules/rds/aws") || strings.HasPrefix(src, "terraform-aws-modules/rds-aurora/aws") ||
		strings.Contains(src, "terraform-aws-modules/terraform-aws-rds") {
		return true
	}
	t, ok := s.literal("engine")
	return ok && postgresEngine(t)
}

// cloudSQLModule reports whether a module scope is a Cloud SQL for
// PostgreSQL instance: the terraform-google-modules sql-db postgresql
// module, or any module given a literal POSTGRES_* database version.
func (s cloudScope) cloudSQLModule() bool {
	if s.kind != "module" {
		return false
	}
	src := s.moduleSource()
	if (strings.Contains(src, "sql-db") || strings.HasPrefix(src, ".")) && strings.HasSuffix(strings.TrimSuffix(src, "/"), "modules/postgresql") {
		return true
	}
	t, ok := s.literal("database_version")
	return ok && postgresEngine(t)
}

// azurePostgresModule reports whether a module scope is the Azure
// postgresql module (Azure/postgresql/azurerm).
func (s cloudScope) azurePostgresModule() bool {
	src := s.moduleSource()
	return strings.HasPrefix(src, "azure/postgresql/azurerm") || strings.Contains(src, "azure/terraform-azurerm-postgresql")
}

// cloudLiteral reports whether v is a literal scalar a setting can be read
// from: not a template, not null, and in YAML not under a CloudFormation
// intrinsic tag (!Ref, !Sub, !If ...).
func cloudLiteral(p *lint.FilePass, v *cfgvalue.Value) bool {
	if v.Template || v.Kind == cfgvalue.Null {
		return false
	}
	if v.Kind == cfgvalue.String && conninfo.IsTemplate(strings.TrimSpace(v.Text)) {
		return false
	}
	return p.Format != "yaml" || !yamlTagged(p.File.Src, v.Start)
}

// yamlTagged reports whether the YAML scalar whose content starts at
// offset start carries a local tag (!Ref, !Sub, !GetAtt): a CloudFormation
// intrinsic function, whose result is not the text written.
func yamlTagged(src []byte, start int) bool {
	i := min(start, len(src))
	if i > 0 && (src[i-1] == '"' || src[i-1] == '\'') {
		i--
	}
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t') {
		i--
	}
	end := i
	for i > 0 && src[i-1] != ' ' && src[i-1] != '\t' && src[i-1] != '\n' && src[i-1] != ':' && src[i-1] != '-' && src[i-1] != '[' && src[i-1] != ',' {
		i--
	}
	tok := string(src[i:end])
	return strings.HasPrefix(tok, "!") && !strings.HasPrefix(tok, "!!")
}

// cloudTrue and cloudFalse read a boolean setting written as a boolean or
// as the strings "true" and "false" (CloudFormation accepts both).
func cloudTrue(v *cfgvalue.Value) bool {
	return (v.Kind == cfgvalue.Bool || v.Kind == cfgvalue.String) && strings.EqualFold(strings.TrimSpace(v.Text), "true")
}

func cloudFalse(v *cfgvalue.Value) bool {
	return (v.Kind == cfgvalue.Bool || v.Kind == cfgvalue.String) && strings.EqualFold(strings.TrimSpace(v.Text), "false")
}

// cloudParam is a PostgreSQL server parameter set in infrastructure code.
type cloudParam struct {
	// name is the parameter's name, lower-cased.
	name string
	// value is the value as written, trimmed.
	value string
	// provider is "aws", "gcp" or "azure".
	provider string
}

// off reports whether the parameter's value is a PostgreSQL boolean false
// (off, false, no, 0 and their prefixes).
func (c cloudParam) off() bool {
	on, ok := pgconf.Bool(c.value)
	return ok && !on
}

// awsParamLists are the inputs of the terraform-aws-modules rds and
// rds-aurora modules that take parameter group parameters.
var awsParamLists = map[string]bool{
	"parameters": true, "db_parameter_group_parameters": true, "db_cluster_parameter_group_parameters": true,
}

// cloudServerParam reports whether v is the value of a server parameter
// of a PostgreSQL server set in infrastructure code, and which:
//
//   - AWS: the parameter blocks of aws_db_parameter_group and
//     aws_rds_cluster_parameter_group, the parameters inputs of the
//     terraform-aws-modules rds and rds-aurora modules, and the Parameters
//     of CloudFormation's AWS::RDS::DBParameterGroup and
//     AWS::RDS::DBClusterParameterGroup;
//   - Google: the database_flags of google_sql_database_instance and of
//     the sql-db postgresql module;
//   - Azure: azurerm_postgresql_flexible_server_configuration and
//     azurerm_postgresql_configuration.
//
// A parameter group whose family names another engine (mysql8.0,
// sqlserver-ex-15.0) and a Cloud SQL instance of another database version
// are not PostgreSQL's; names and values that are not literals are
// unknown.
func cloudServerParam(p *lint.FilePass, v *cfgvalue.Value) (cloudParam, bool) {
	// Cheap tests on the path first: most values of a file are not
	// parameters, and the scope lookups below scan the file's values.
	n := len(v.Path)
	switch p.Format {
	case "terraform":
		if v.Key != "value" || n < 4 {
			return cloudParam{}, false
		}
	case "yaml", "json":
		if i := cfnResources(v.Path); i < 0 || n != i+5 || v.Path[i+3] != "Parameters" {
			return cloudParam{}, false
		}
	default:
		return cloudParam{}, false
	}
	if !cloudLiteral(p, v) {
		return cloudParam{}, false
	}
	s, ok := cloudScopeOf(p, v)
	if !ok {
		return cloudParam{}, false
	}
	provider, name := "", (*cfgvalue.Value)(nil)
	rel := v.Path[len(s.prefix):]
	switch {
	case s.cfn:
		if s.kind != "AWS::RDS::DBParameterGroup" && s.kind != "AWS::RDS::DBClusterParameterGroup" || s.notPostgres() {
			return cloudParam{}, false
		}
		return cloudParam{name: strings.ToLower(v.Key), value: strings.TrimSpace(v.Text), provider: "aws"}, true
	case s.kind == "aws_db_parameter_group" || s.kind == "aws_rds_cluster_parameter_group":
		if len(rel) == 3 && rel[0] == "parameter" {
			provider, name = "aws", sibling(p.Values, v, "name")
		}
	case s.kind == "azurerm_postgresql_flexible_server_configuration" || s.kind == "azurerm_postgresql_configuration":
		if len(rel) == 1 {
			return azureParam(s, v)
		}
	case s.kind == "google_sql_database_instance":
		if len(rel) >= 3 && rel[len(rel)-3] == "database_flags" {
			provider, name = "gcp", sibling(p.Values, v, "name")
		}
	case s.kind == "module" && len(rel) >= 3:
		switch list := rel[len(rel)-3]; {
		case awsParamLists[list] && len(rel) == 3 && s.rdsModule():
			provider, name = "aws", sibling(p.Values, v, "name")
		case list == "database_flags" && s.cloudSQLModule():
			provider, name = "gcp", sibling(p.Values, v, "name")
		}
	}
	if name == nil || name.Kind != cfgvalue.String || name.Template || s.notPostgres() {
		return cloudParam{}, false
	}
	return cloudParam{name: strings.ToLower(strings.TrimSpace(name.Text)), value: strings.TrimSpace(v.Text), provider: provider}, true
}

// azureParam reads the name of an Azure server configuration resource.
func azureParam(s cloudScope, v *cfgvalue.Value) (cloudParam, bool) {
	name, ok := s.literal("name")
	if !ok {
		return cloudParam{}, false
	}
	return cloudParam{name: strings.ToLower(strings.TrimSpace(name)), value: strings.TrimSpace(v.Text), provider: "azure"}, true
}
