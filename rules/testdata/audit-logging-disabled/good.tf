resource "aws_db_parameter_group" "pg" {
  family = "postgres16"
  parameter {
    name  = "log_connections"
    value = "1"
  }
  parameter {
    name  = "pgaudit.log"
    value = "ddl,role,write"
  }
}

resource "google_sql_database_instance" "main" {
  database_version = "POSTGRES_16"
  settings {
    database_flags {
      name  = "log_connections"
      value = "on"
    }
  }
}
