# The analytics replica on Cloud SQL and the EU copy on Azure.

resource "google_sql_database_instance" "analytics" {
  name             = "analytics"
  database_version = "POSTGRES_16"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled    = false
      private_network = var.vpc_id
      ssl_mode        = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
    }

    database_flags {
      name  = "log_connections"
      value = "on"
    }
  }
}

resource "azurerm_postgresql_flexible_server" "eu" {
  name                          = "shop-eu"
  resource_group_name           = var.resource_group
  location                      = "westeurope"
  version                       = "16"
  public_network_access_enabled = true
}

resource "azurerm_postgresql_flexible_server_configuration" "eu_tls" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.eu.id
  value     = "on"
}

resource "azurerm_postgresql_flexible_server_firewall_rule" "eu_office" {
  name             = "office"
  server_id        = azurerm_postgresql_flexible_server.eu.id
  start_ip_address = "203.0.113.10"
  end_ip_address   = "203.0.113.20"
}

resource "azurerm_postgresql_flexible_server_firewall_rule" "eu_azure" {
  name             = "AllowAllAzureServicesAndResourcesWithinAzureIps"
  server_id        = azurerm_postgresql_flexible_server.eu.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}
