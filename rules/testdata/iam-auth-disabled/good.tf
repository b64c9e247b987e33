resource "aws_db_instance" "main" {
  engine                              = "postgres"
  iam_database_authentication_enabled = true
}

# Not set: the provider's default is not reported.
resource "aws_db_instance" "unset" {
  engine = "postgres"
}

resource "aws_db_instance" "var" {
  engine                              = "postgres"
  iam_database_authentication_enabled = var.iam
}

resource "aws_db_instance" "mysql" {
  engine                              = "mysql"
  iam_database_authentication_enabled = false
}

resource "google_sql_database_instance" "main" {
  database_version = "POSTGRES_16"
  settings {
    database_flags {
      name  = "cloudsql.iam_authentication"
      value = "on"
    }
  }
}
