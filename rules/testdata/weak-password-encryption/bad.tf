resource "aws_db_parameter_group" "pg" {
  name   = "pg16"
  family = "postgres16"

  parameter {
    name  = "password_encryption"
    value = "md5" # want "weak-password-encryption@14"
  }
}

resource "aws_rds_cluster_parameter_group" "aurora" {
  family = var.family
  parameter {
    name         = "password_encryption"
    value        = "MD5" # want "weak-password-encryption@21"
    apply_method = "pending-reboot"
  }
}

module "db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "~> 6.0"

  engine = "postgres"
  family = "postgres15"
  parameters = [
    { name = "password_encryption", value = "md5" }, # want "weak-password-encryption@46"
  ]
}

module "aurora" {
  source = "terraform-aws-modules/rds-aurora/aws"
  engine = "aurora-postgresql"
  db_cluster_parameter_group_parameters = [{
    name  = "password_encryption"
    value = "md5" # want "weak-password-encryption@14"
  }]
}

resource "google_sql_database_instance" "main" {
  database_version = "POSTGRES_15"
  settings {
    tier = "db-custom-1-3840"
    database_flags {
      name  = "password_encryption"
      value = "md5" # want "weak-password-encryption@16"
    }
  }
}

resource "azurerm_postgresql_flexible_server_configuration" "pwd" {
  name      = "password_encryption"
  server_id = azurerm_postgresql_flexible_server.main.id
  value     = "md5" # want "weak-password-encryption@16"
}
