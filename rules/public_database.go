package rules

import (
	"github.com/grantguard/grantguard/lint"
	"github.com/grantguard/grantguard/lint/cfgvalue"
)

// PublicDatabase flags managed PostgreSQL servers given an address on the
// internet.
var PublicDatabase = &lint.Rule{
	Meta: lint.Meta{
		ID:       "public-database",
		Severity: lint.Error,
		Title:    "Managed database is reachable from the internet",
		Rationale: "A database that only the application needs should have no public address: then a leaked " +
			"password, a weak pg_hba line or an unpatched server flaw can be used only from inside the " +
			"network, and scanners that sweep cloud address ranges for port 5432 never find it. " +
			"publicly_accessible = true gives an RDS or Aurora instance a public DNS name and IP address, and " +
			"public_network_access_enabled = true gives an Azure server a public endpoint; from then on a " +
			"security group or firewall rule is the only thing between the server and the internet, and one " +
			"broad rule opens it to everyone.",
		References: []string{
			"Amazon RDS User Guide, Working with a DB instance in a VPC (publicly accessible) — https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html",
			"AWS Security Hub, RDS.2: RDS DB instances should prohibit public access — https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html",
			"Azure Database for PostgreSQL flexible server, Networking with public access — https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-networking-public",
			"AWS CloudFormation, AWS::RDS::DBInstance PubliclyAccessible — https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html",
			"CIS Amazon Web Services Foundations Benchmark — https://www.cisecurity.org/benchmark/amazon_web_services",
			"CIS Microsoft Azure Foundations Benchmark — https://www.cisecurity.org/benchmark/azure",
		},
		Bad:  "resource \"aws_db_instance\" \"main\" {\n  engine              = \"postgres\"\n  publicly_accessible = true\n}",
		Good: "resource \"aws_db_instance\" \"main\" {\n  engine              = \"postgres\"\n  publicly_accessible = false\n}",
		Fix: "Keep the database on private subnets (publicly_accessible = false, PubliclyAccessible: false, " +
			"public_network_access_enabled = false with private access) and reach it from the application's " +
			"network, a VPN, a bastion or the provider's private connectivity.",
		Tags:             []string{"network", "cloud"},
		Precision:        "very-high",
		SecuritySeverity: 8.5,
		Kinds:            []lint.Kind{lint.KindConfig},
	},
	Value: checkPublicDatabase,
}

// publicAccessKeys are the settings that give a managed database a public
// address, by the resource types (or module) that take them.
var publicAccessKeys = map[string]map[string]bool{
	"publicly_accessible":           {"aws_db_instance": true, "aws_rds_cluster_instance": true, "aws_rds_cluster": true},
	"PubliclyAccessible":            {"AWS::RDS::DBInstance": true, "AWS::RDS::DBCluster": true},
	"public_network_access_enabled": {"azurerm_postgresql_server": true, "azurerm_postgresql_flexible_server": true},
}

func checkPublicDatabase(p *lint.FilePass, v *cfgvalue.Value) {
	kinds := publicAccessKeys[v.Key]
	if kinds == nil || !cloudTrue(v) || !cloudLiteral(p, v) {
		return
	}
	s, ok := cloudScopeOf(p, v)
	if !ok || s.notPostgres() {
		return
	}
	switch {
	case kinds[s.kind] && s.depth(v) == 1:
	// The rds-aurora module also takes it per instance
	// (instances = { one = { publicly_accessible = true } }).
	case v.Key == "publicly_accessible" && s.rdsModule():
	case v.Key == "public_network_access_enabled" && s.depth(v) == 1 && s.azurePostgresModule():
	default:
		return
	}
	p.Report(v.Start, v.End, "%s = %s puts the database on the internet: only its security group or firewall stands between it and every address", v.Key, v.Text)
}
