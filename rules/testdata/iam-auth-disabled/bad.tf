resource "aws_db_instance" "main" {
  engine                              = "postgres"
  iam_database_authentication_enabled = false # want "iam-auth-disabled@41"
}

resource "aws_rds_cluster" "aurora" {
  engine                              = "aurora-postgresql"
  iam_database_authentication_enabled = false # want "iam-auth-disabled@41"
}

module "db" {
  source                              = "terraform-aws-modules/rds/aws"
  engine                              = "postgres"
  iam_database_authentication_enabled = false # want "iam-auth-disabled@41"
}

resource "google_sql_database_instance" "main" {
  database_version = "POSTGRES_16"
  settings {
    database_flags {
      name  = "cloudsql.iam_authentication"
      value = "off" # want "iam-auth-disabled@16"
    }
  }
}

module "pg" {
  source           = "terraform-google-modules/sql-db/google//modules/postgresql"
  database_version = var.version
  database_flags   = [{ name = "cloudsql.iam_authentication", value = "off" }] # want "iam-auth-disabled@72"
}
