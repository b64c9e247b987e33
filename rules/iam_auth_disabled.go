package rules

import (
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/cfgvalue"
)

// IAMAuthDisabled flags IAM database authentication switched off
// explicitly.
var IAMAuthDisabled = &lint.Rule{
	Meta: lint.Meta{
		ID:       "iam-auth-disabled",
		Severity: lint.Note,
		Title:    "IAM database authentication is switched off",
		Rationale: "RDS, Aurora and Cloud SQL can authenticate database logins with the cloud's identities: a " +
			"short-lived token issued to a role or service account instead of a long-lived password kept in " +
			"configuration, so that access is granted, reviewed and revoked in one place, and nothing " +
			"reusable is left to leak. Setting iam_database_authentication_enabled = false, " +
			"EnableIAMDatabaseAuthentication: false or the Cloud SQL flag cloudsql.iam_authentication = off " +
			"says every login must be a database password. Only an explicit setting is reported.",
		References: []string{
			"Amazon RDS User Guide, IAM database authentication for MariaDB, MySQL, and PostgreSQL — https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html",
			"Google Cloud SQL for PostgreSQL, IAM authentication — https://cloud.google.com/sql/docs/postgres/iam-authentication",
			"AWS Security Hub, RDS.10: IAM authentication should be configured for RDS instances — https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html",
			"CWE-798: Use of Hard-coded Credentials — https://cwe.mitre.org/data/definitions/798.html",
		},
		Bad:  "resource \"aws_db_instance\" \"main\" {\n  engine                              = \"postgres\"\n  iam_database_authentication_enabled = false\n}",
		Good: "resource \"aws_db_instance\" \"main\" {\n  engine                              = \"postgres\"\n  iam_database_authentication_enabled = true\n}",
		Fix: "Turn IAM database authentication on (iam_database_authentication_enabled = true, " +
			"EnableIAMDatabaseAuthentication: true, cloudsql.iam_authentication = on) and give applications " +
			"and people IAM identities mapped to database roles (rds_iam, Cloud SQL IAM users).",
		Tags:             []string{"authentication", "cloud"},
		Precision:        "very-high",
		SecuritySeverity: 3.0,
		Kinds:            []lint.Kind{lint.KindConfig},
	},
	Value: checkIAMAuthDisabled,
}

// iamAuthKeys are the settings that switch IAM database authentication,
// by the resource types that take them.
var iamAuthKeys = map[string]map[string]bool{
	"iam_database_authentication_enabled": {"aws_db_instance": true, "aws_rds_cluster": true},
	"EnableIAMDatabaseAuthentication":     {"AWS::RDS::DBInstance": true, "AWS::RDS::DBCluster": true},
}

func checkIAMAuthDisabled(p *lint.FilePass, v *cfgvalue.Value) {
	if c, ok := cloudServerParam(p, v); ok {
		if c.name == "cloudsql.iam_authentication" && c.provider == "gcp" && c.off() {
			p.Report(v.Start, v.End, "Cloud SQL flag cloudsql.iam_authentication = %s: every login needs a database password", c.value)
		}
		return
	}
	kinds := iamAuthKeys[v.Key]
	if kinds == nil || !cloudFalse(v) || !cloudLiteral(p, v) {
		return
	}
	s, ok := cloudScopeOf(p, v)
	if !ok || s.notPostgres() {
		return
	}
	if s.depth(v) != 1 || !kinds[s.kind] && !(v.Key == "iam_database_authentication_enabled" && s.rdsModule()) {
		return
	}
	p.Report(v.Start, v.End, "%s = %s: every login needs a database password", v.Key, v.Text)
}
