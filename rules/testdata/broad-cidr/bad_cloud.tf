resource "azurerm_postgresql_flexible_server_firewall_rule" "everyone" {
  name             = "everyone"
  server_id        = azurerm_postgresql_flexible_server.main.id
  start_ip_address = "0.0.0.0" # want "broad-cidr@23" msg: firewall rule 0.0.0.0–255.255.255.255: 0.0.0.0/0 admits every IPv4 address
  end_ip_address   = "255.255.255.255"
}

resource "azurerm_postgresql_firewall_rule" "azure_services" {
  name                = "AllowAllWindowsAzureIps"
  resource_group_name = "db"
  server_name         = "legacy"
  start_ip_address    = "0.0.0.0" # want "broad-cidr@26"
  end_ip_address      = "0.0.0.0"
}

resource "azurerm_postgresql_flexible_server_firewall_rule" "vendor" {
  name             = "vendor"
  server_id        = azurerm_postgresql_flexible_server.main.id
  start_ip_address = "198.51.0.0" # want "broad-cidr@23"
  end_ip_address   = "198.51.255.255"
}

module "db_sg" {
  source  = "terraform-aws-modules/security-group/aws//modules/postgresql"
  version = "~> 5.0"

  ingress_cidr_blocks = ["10.0.0.0/16", "0.0.0.0/0"] # want "broad-cidr@42"
}

module "sg" {
  source = "terraform-aws-modules/security-group/aws"

  ingress_rules       = ["postgresql-tcp"]
  ingress_cidr_blocks = ["198.51.100.0/16"] # want "broad-cidr@27"

  ingress_with_cidr_blocks = [
    {
      rule        = "postgresql-tcp"
      cidr_blocks = "10.0.0.0/16,0.0.0.0/0" # want "broad-cidr@34"
    },
    {
      from_port   = 5000
      to_port     = 6000
      protocol    = "tcp"
      cidr_blocks = "0.0.0.0/0" # want "broad-cidr@22"
    },
  ]
  ingress_with_ipv6_cidr_blocks = [
    {
      rule             = "all-all"
      ipv6_cidr_blocks = "::/0" # want "broad-cidr@27"
    },
  ]
}

resource "azurerm_cosmosdb_postgresql_firewall_rule" "citus" {
  name             = "citus"
  cluster_id       = azurerm_cosmosdb_postgresql_cluster.main.id
  start_ip_address = "0.0.0.0" # want "broad-cidr@23"
  end_ip_address   = "255.255.255.255"
}

# An entry without cidr_blocks takes the module's ingress_cidr_blocks.
module "sg_default_blocks" {
  source              = "terraform-aws-modules/security-group/aws"
  ingress_cidr_blocks = ["0.0.0.0/0"] # want "broad-cidr@27"
  ingress_with_cidr_blocks = [
    { rule = "https-443-tcp", cidr_blocks = "0.0.0.0/0" },
    { rule = "postgresql-tcp" },
  ]
}
