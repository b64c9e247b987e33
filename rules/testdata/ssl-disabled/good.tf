resource "aws_db_parameter_group" "pg" {
  family = "postgres16"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_parameter_group" "mssql" {
  family = "sqlserver-ex-15.0"
  parameter {
    name  = "rds.force_ssl"
    value = "0"
  }
}

# MySQL's require_secure_transport is not PostgreSQL's.
resource "aws_db_parameter_group" "mysql" {
  family = "mysql8.0"
  parameter {
    name  = "require_secure_transport"
    value = "0"
  }
}

resource "google_sql_database_instance" "main" {
  database_version = "POSTGRES_16"
  settings {
    ip_configuration {
      ssl_mode = "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"
    }
  }
}

resource "google_sql_database_instance" "encrypted" {
  database_version = "POSTGRES_16"
  settings {
    ip_configuration {
      # ssl_mode takes priority over the older require_ssl.
      require_ssl = false
      ssl_mode    = "ENCRYPTED_ONLY"
    }
  }
}

resource "google_sql_database_instance" "mysql" {
  database_version = "MYSQL_8_0"
  settings {
    ip_configuration {
      ssl_mode = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
    }
  }
}

module "mysql" {
  source           = "terraform-google-modules/sql-db/google//modules/mysql"
  database_version = "MYSQL_8_0"
  ip_configuration = {
    ssl_mode = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
  }
}

resource "azurerm_postgresql_flexible_server_configuration" "tls" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.main.id
  value     = "on"
}

resource "azurerm_mysql_flexible_server_configuration" "tls" {
  name      = "require_secure_transport"
  value     = "OFF"
}
