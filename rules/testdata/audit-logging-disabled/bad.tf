resource "aws_db_parameter_group" "pg" {
  family = "postgres16"
  parameter {
    name  = "log_connections"
    value = "0" # want "audit-logging-disabled@14"
  }
  parameter {
    name  = "pgaudit.log"
    value = "none" # want "audit-logging-disabled@14"
  }
}

resource "google_sql_database_instance" "main" {
  database_version = "POSTGRES_16"
  settings {
    database_flags {
      name  = "log_connections"
      value = "off" # want "audit-logging-disabled@16"
    }
  }
}

resource "azurerm_postgresql_flexible_server_configuration" "conn" {
  name      = "log_connections"
  server_id = azurerm_postgresql_flexible_server.main.id
  value     = "OFF" # want "audit-logging-disabled@16"
}
