package cfgvalue

import (
	"fmt"
	"strings"
	"testing"
)

var hclCases = []valueCase{
	{
		name: "terraform security groups, cloud sql, variables and locals",
		src: `
variable "db_password" {
  type      = string
  sensitive = true
  default   = null
}

locals {
  office_cidrs = ["203.0.113.0/24", "198.51.100.0/22"]
  db_port      = 5432
}

resource "aws_security_group" "db" {
  name   = "db-${var.env}"
  vpc_id = aws_vpc.main.id

  ingress {
    description = "Postgres from anywhere"
    from_port   = local.db_port
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0", local.office_cidrs[0]]
  }

  ingress {
    from_port        = 5432
    to_port          = 5432
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = {
    Name    = "db"
    "team"  = "data"
    (var.k) = "computed key"
  }
}

resource "aws_security_group_rule" "pg_public" {
  type              = "ingress"
  from_port         = 5432
  to_port           = 5432
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8"]
  security_group_id = aws_security_group.db.id
}

resource "google_sql_database_instance" "main" {
  database_version = "POSTGRES_15"
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
      authorized_networks {
        name  = "everyone"
        value = "0.0.0.0/0"
      }
      authorized_networks {
        value = var.office_cidr
      }
    }
    database_flags {
      name  = "log_connections"
      value = "on"
    }
  }
}

resource "aws_db_instance" "pg" {
  username = "admin"
  password = var.db_password
  port     = -1
  init     = <<-EOT
    CREATE ROLE app LOGIN PASSWORD 'pw';
    GRANT ALL ON ALL TABLES IN SCHEMA public TO app;
  EOT
  url      = "postgres://admin:${var.db_password}@${self.address}/app"
  esc      = "tab\t\"quoted\" $${not_interp}"
  cond     = var.public ? "0.0.0.0/0" : "10.0.0.0/8"
  list     = concat(["0.0.0.0/0"], var.extra)

  dynamic "ingress" {
    for_each = var.rules
    content {
      cidr_blocks = ingress.value.cidrs
    }
  }
}
`,
		want: []row{
			{"variable.db_password.type", "string", String, "string", true, 3},
			{"variable.db_password.sensitive", "true", Bool, "true", true, 4},
			{"variable.db_password.default", "null", Null, "null", true, 5},
			{"locals.[0].office_cidrs.[0]", "203.0.113.0/24", String, "203.0.113.0/24", true, 9},
			{"locals.[0].office_cidrs.[1]", "198.51.100.0/22", String, "198.51.100.0/22", true, 9},
			{"locals.[0].db_port", "5432", Number, "5432", true, 10},
			{"resource.aws_security_group.db.name", "db-${var.env}", String, "db-${var.env}", true, 14},
			{"resource.aws_security_group.db.vpc_id", "aws_vpc.main.id", String, "aws_vpc.main.id", true, 15},
			{"resource.aws_security_group.db.ingress.[0].description", "Postgres from anywhere", String, "Postgres from anywhere", true, 18},
			{"resource.aws_security_group.db.ingress.[0].from_port", "local.db_port", String, "local.db_port", true, 19},
			{"resource.aws_security_group.db.ingress.[0].to_port", "5432", Number, "5432", true, 20},
			{"resource.aws_security_group.db.ingress.[0].protocol", "tcp", String, "tcp", true, 21},
			{"resource.aws_security_group.db.ingress.[0].cidr_blocks.[0]", "0.0.0.0/0", String, "0.0.0.0/0", true, 22},
			{"resource.aws_security_group.db.ingress.[0].cidr_blocks.[1]", "local.office_cidrs[0]", String, "local.office_cidrs[0]", true, 22},
			{"resource.aws_security_group.db.ingress.[1].from_port", "5432", Number, "5432", true, 26},
			{"resource.aws_security_group.db.ingress.[1].to_port", "5432", Number, "5432", true, 27},
			{"resource.aws_security_group.db.ingress.[1].protocol", "tcp", String, "tcp", true, 28},
			{"resource.aws_security_group.db.ingress.[1].ipv6_cidr_blocks.[0]", "::/0", String, "::/0", true, 29},
			{"resource.aws_security_group.db.egress.[0].from_port", "0", Number, "0", true, 33},
			{"resource.aws_security_group.db.egress.[0].to_port", "0", Number, "0", true, 34},
			{"resource.aws_security_group.db.egress.[0].protocol", "-1", String, "-1", true, 35},
			{"resource.aws_security_group.db.egress.[0].cidr_blocks.[0]", "0.0.0.0/0", String, "0.0.0.0/0", true, 36},
			{"resource.aws_security_group.db.tags.Name", "db", String, "db", true, 40},
			{"resource.aws_security_group.db.tags.team", "data", String, "data", true, 41},
			{"resource.aws_security_group.db.tags.?", "computed key", String, "computed key", true, 42},
			{"resource.aws_security_group_rule.pg_public.type", "ingress", String, "ingress", true, 47},
			{"resource.aws_security_group_rule.pg_public.from_port", "5432", Number, "5432", true, 48},
			{"resource.aws_security_group_rule.pg_public.to_port", "5432", Number, "5432", true, 49},
			{"resource.aws_security_group_rule.pg_public.protocol", "tcp", String, "tcp", true, 50},
			{"resource.aws_security_group_rule.pg_public.cidr_blocks.[0]", "10.0.0.0/8", String, "10.0.0.0/8", true, 51},
			{"resource.aws_security_group_rule.pg_public.security_group_id", "aws_security_group.db.id", String, "aws_security_group.db.id", true, 52},
			{"resource.google_sql_database_instance.main.database_version", "POSTGRES_15", String, "POSTGRES_15", true, 56},
			{"resource.google_sql_database_instance.main.settings.[0].tier", "db-f1-micro", String, "db-f1-micro", true, 58},
			{"resource.google_sql_database_instance.main.settings.[0].ip_configuration.[0].ipv4_enabled", "true", Bool, "true", true, 60},
			{"resource.google_sql_database_instance.main.settings.[0].ip_configuration.[0].ssl_mode", "ALLOW_UNENCRYPTED_AND_ENCRYPTED", String, "ALLOW_UNENCRYPTED_AND_ENCRYPTED", true, 61},
			{"resource.google_sql_database_instance.main.settings.[0].ip_configuration.[0].authorized_networks.[0].name", "everyone", String, "everyone", true, 63},
			{"resource.google_sql_database_instance.main.settings.[0].ip_configuration.[0].authorized_networks.[0].value", "0.0.0.0/0", String, "0.0.0.0/0", true, 64},
			{"resource.google_sql_database_instance.main.settings.[0].ip_configuration.[0].authorized_networks.[1].value", "var.office_cidr", String, "var.office_cidr", true, 67},
			{"resource.google_sql_database_instance.main.settings.[0].database_flags.[0].name", "log_connections", String, "log_connections", true, 71},
			{"resource.google_sql_database_instance.main.settings.[0].database_flags.[0].value", "on", String, "on", true, 72},
			{"resource.aws_db_instance.pg.username", "admin", String, "admin", true, 78},
			{"resource.aws_db_instance.pg.password", "var.db_password", String, "var.db_password", true, 79},
			{"resource.aws_db_instance.pg.port", "-1", Number, "-1", true, 80},
			{"resource.aws_db_instance.pg.init", "CREATE ROLE app LOGIN PASSWORD 'pw';\nGRANT ALL ON ALL TABLES IN SCHEMA public TO app;\n", String, "    CREATE ROLE app LOGIN PASSWORD 'pw';\n    GRANT ALL ON ALL TABLES IN SCHEMA public TO app;\n", false, 82},
			{"resource.aws_db_instance.pg.url", "postgres://admin:${var.db_password}@${self.address}/app", String, "postgres://admin:${var.db_password}@${self.address}/app", true, 85},
			{"resource.aws_db_instance.pg.esc", "tab\t\"quoted\" ${not_interp}", String, "tab\\t\\\"quoted\\\" $${not_interp}", false, 86},
			{"resource.aws_db_instance.pg.cond", "var.public ? \"0.0.0.0/0\" : \"10.0.0.0/8\"", String, "var.public ? \"0.0.0.0/0\" : \"10.0.0.0/8\"", true, 87},
			{"resource.aws_db_instance.pg.list", "concat([\"0.0.0.0/0\"], var.extra)", String, "concat([\"0.0.0.0/0\"], var.extra)", true, 88},
			{"resource.aws_db_instance.pg.dynamic.ingress.for_each", "var.rules", String, "var.rules", true, 91},
			{"resource.aws_db_instance.pg.dynamic.ingress.content.[0].cidr_blocks", "ingress.value.cidrs", String, "ingress.value.cidrs", true, 93},
		},
		templates: []string{
			"variable.db_password.type",
			"resource.aws_security_group.db.name",
			"resource.aws_security_group.db.vpc_id",
			"resource.aws_security_group.db.ingress.[0].from_port",
			"resource.aws_security_group.db.ingress.[0].cidr_blocks.[1]",
			"resource.aws_security_group_rule.pg_public.security_group_id",
			"resource.google_sql_database_instance.main.settings.[0].ip_configuration.[0].authorized_networks.[1].value",
			"resource.aws_db_instance.pg.password",
			"resource.aws_db_instance.pg.url",
			"resource.aws_db_instance.pg.cond",
			"resource.aws_db_instance.pg.list",
			"resource.aws_db_instance.pg.dynamic.ingress.for_each",
			"resource.aws_db_instance.pg.dynamic.ingress.content.[0].cidr_blocks",
		},
		noKey: []string{"resource.aws_security_group.db.tags.?"},
	},
}

func init() {
	hclCases = append(hclCases,
		valueCase{
			name: "heredoc, byte-order mark, nested tuples and objects, escapes",
			src:  "\uFEFFscript = <<EOT\nline1\n  line2\nEOT\nempty = \"\"\nnested = [[\"a\"], {k = [1, 2.5e3], \"q k\" = \"v\"}, (\"paren\")]\nuni = \"\\u00e9t\\u00e9\"\npct = \"100%%{x}\"\n",
			want: []row{
				{"script", "line1\n  line2\n", String, "line1\n  line2\n", true, 2},
				{"empty", "", String, "", true, 5},
				{"nested.[0].[0]", "a", String, "a", true, 6},
				{"nested.[1].k.[0]", "1", Number, "1", true, 6},
				{"nested.[1].k.[1]", "2.5e3", Number, "2.5e3", true, 6},
				{"nested.[1].q k", "v", String, "v", true, 6},
				{"nested.[2]", "paren", String, "paren", true, 6},
				{"uni", "été", String, "\\u00e9t\\u00e9", false, 7},
				{"pct", "100%{x}", String, "100%%{x}", false, 8},
			},
		},
		valueCase{
			name: "directives, splats and for expressions are templates",
			src: `a = "%{ if var.tls }require%{ else }disable%{ endif }"
b = [for c in var.cidrs : c if c != "0.0.0.0/0"]
c = aws_instance.web[*].private_ip
d = !true
e = "${var.x}"
`,
			want: []row{
				{"a", "%{ if var.tls }require%{ else }disable%{ endif }", String, "%{ if var.tls }require%{ else }disable%{ endif }", true, 1},
				{"b", "[for c in var.cidrs : c if c != \"0.0.0.0/0\"]", String, "[for c in var.cidrs : c if c != \"0.0.0.0/0\"]", true, 2},
				{"c", "aws_instance.web[*].private_ip", String, "aws_instance.web[*].private_ip", true, 3},
				{"d", "!true", String, "!true", true, 4},
				{"e", "${var.x}", String, "${var.x}", true, 5},
			},
			templates: []string{"a", "b", "c", "d", "e"},
		},
		valueCase{
			name: "repeated labeled blocks share a path",
			src: `provisioner "local-exec" {
  command = "echo 1"
}
provisioner "local-exec" {
  command = "echo 2"
}
terraform {
  backend "s3" {
    bucket = "state"
  }
}
`,
			want: []row{
				{"provisioner.local-exec.command", "echo 1", String, "echo 1", true, 2},
				{"provisioner.local-exec.command", "echo 2", String, "echo 2", true, 5},
				{"terraform.[0].backend.s3.bucket", "state", String, "state", true, 9},
			},
		},
		valueCase{
			name: "empty file",
			src:  "# nothing\n",
		},
	)
}

func TestParseHCL(t *testing.T) {
	for _, c := range hclCases {
		t.Run(c.name, func(t *testing.T) {
			vals, err := ParseHCL([]byte(c.src), "main.tf")
			if err != nil {
				t.Fatal(err)
			}
			checkValues(t, c, vals)
		})
	}
}

var hclErrorCases = []errorCase{
	{"unclosed block", "resource \"a\" \"b\" {\n  x = 1\n", 1, 18, 17, "Unclosed configuration block"},
	{"missing value", "a = \n", 1, 5, 4, "Invalid expression"},
	{"unterminated string", "a = \"unterminated\nb = 1\n", 1, 18, 17, "Invalid multi-line string"},
	{"attribute redefined", "a = 1\na = 2\n", 2, 1, 6, "Attribute redefined"},
	{"double comma after non-ASCII", "é = [1,\n  2,, 3]\n", 2, 5, 13, "Invalid expression"},
	{"missing separator", "a = {b = 1 c = 2}\n", 1, 12, 11, "Missing attribute separator"},
	{"unclosed tuple", "block {\n  x = [1\n}\n", 3, 1, 17, "Missing item separator"},
	{"too deep brackets", "a = " + strings.Repeat("[", 1001) + strings.Repeat("]", 1001) + "\n", 1, 1005, 1004, "nested more than 1000 levels deep"},
	{"too deep interpolation", "a = " + strings.Repeat("\"${", 501) + "1" + strings.Repeat("}\"", 501) + "\n", 1, 1505, 1504, "nested more than 1000 levels deep"},
	{"too many unary operators", "a = " + strings.Repeat("-", 1001) + "1\n", 1, 1005, 1004, "nested more than 1000 levels deep"},
	{"splat chain", "a = x" + strings.Repeat("[*]", 1001) + "\n", 1, 3004, 3003, "nested more than 1000 levels deep"},
	{"unclosed directives", "a = \"" + strings.Repeat("%{if x}", 1001) + "\"\n", 1, 6994, 6993, "nested more than 1000 levels deep"},
	{"conditional chain", "a = (" + strings.Repeat("x ? 1 :\n", 1000) + "2)\n", 1000, 3, 7999, "nested more than 1000 levels deep"},
}

func TestParseHCLErrors(t *testing.T) {
	for _, c := range hclErrorCases {
		t.Run(c.name, func(t *testing.T) {
			vals, err := ParseHCL([]byte(c.src), "main.tf")
			checkErrorCase(t, c, vals, err)
		})
	}
}

// TestParseHCLManyConditionals checks that conditionals in separate
// attributes, tuple elements or lines of a block do not add up to a
// nesting error.
func TestParseHCLManyConditionals(t *testing.T) {
	var b strings.Builder
	b.WriteString("r \"x\" \"y\" {\n")
	for i := range 1500 {
		fmt.Fprintf(&b, "  a%d = var.x ? 1 : 2\n  l%d = [var.x ? 1 : 2, var.y ? 3 : 4]\n", i, i)
	}
	b.WriteString("}\n")
	vals, err := ParseHCL([]byte(b.String()), "many.tf")
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) != 4500 {
		t.Errorf("got %d values, want 4500", len(vals))
	}
}
