resource "aws_db_parameter_group" "pg" {
  family = "postgres16"
  parameter {
    name  = "rds.force_ssl"
    value = "0" # want "ssl-disabled@14" msg: rds.force_ssl = 0: the server accepts connections without TLS
  }
  parameter {
    name  = "ssl"
    value = 0 # want "ssl-disabled@13" msg: server parameter ssl = 0 turns off TLS for every connection
  }
}

module "db" {
  source = "terraform-aws-modules/rds/aws"
  family = "postgres15"
  parameters = [
    { name = "rds.force_ssl", value = 0 }, # want "ssl-disabled@39"
  ]
}

resource "google_sql_database_instance" "main" {
  database_version = "POSTGRES_16"
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      ipv4_enabled = false
      ssl_mode     = "ALLOW_UNENCRYPTED_AND_ENCRYPTED" # want "ssl-disabled@23"
    }
  }
}

resource "google_sql_database_instance" "legacy" {
  database_version = "POSTGRES_12"
  settings {
    ip_configuration {
      require_ssl = false # want "ssl-disabled@21"
    }
  }
}

module "pg" {
  source           = "terraform-google-modules/sql-db/google//modules/postgresql"
  database_version = "POSTGRES_16"
  ip_configuration = {
    ipv4_enabled = true
    ssl_mode     = "ALLOW_UNENCRYPTED_AND_ENCRYPTED" # want "ssl-disabled@21"
  }
}

resource "azurerm_postgresql_flexible_server_configuration" "tls" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.main.id
  value     = "off" # want "ssl-disabled@16"
}

resource "azurerm_postgresql_configuration" "tls" {
  name                = "require_secure_transport"
  resource_group_name = "db"
  server_name         = "legacy"
  value               = "OFF" # want "ssl-disabled@26"
}

resource "azurerm_postgresql_server" "legacy" {
  name                    = "legacy"
  ssl_enforcement_enabled = false # want "ssl-disabled@29"
}
