resource "aws_db_parameter_group" "pg" {
  family = "postgres16"
  parameter {
    name  = "password_encryption"
    value = "scram-sha-256"
  }
  parameter {
    name  = "password_encryption"
    value = var.password_encryption
  }
}

# Not PostgreSQL.
resource "aws_db_parameter_group" "mysql" {
  family = "mysql8.0"
  parameter {
    name  = "password_encryption"
    value = "md5"
  }
}

locals {
  engine = "mysql"
}

module "db_mysql" {
  source = "../../"
  engine = local.engine
  parameters = [
    { name = "password_encryption", value = "md5" },
  ]
}

# A module that is not a database.
module "app" {
  source     = "./modules/app"
  parameters = [{ name = "password_encryption", value = "md5" }]
}

resource "google_sql_database_instance" "mysql" {
  database_version = "MYSQL_8_0"
  settings {
    database_flags {
      name  = "password_encryption"
      value = "md5"
    }
  }
}

resource "aws_ssm_parameter" "p" {
  name  = "password_encryption"
  value = "md5"
}
