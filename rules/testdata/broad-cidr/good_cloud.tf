resource "azurerm_postgresql_flexible_server_firewall_rule" "office" {
  name             = "office"
  server_id        = azurerm_postgresql_flexible_server.main.id
  start_ip_address = "203.0.113.10"
  end_ip_address   = "203.0.113.20"
}

resource "azurerm_postgresql_flexible_server_firewall_rule" "var" {
  name             = "var"
  server_id        = azurerm_postgresql_flexible_server.main.id
  start_ip_address = var.start
  end_ip_address   = var.end
}

# A web security group: its open ports are not PostgreSQL's.
module "web_sg" {
  source = "terraform-aws-modules/security-group/aws"

  ingress_rules       = ["https-443-tcp", "http-80-tcp"]
  ingress_cidr_blocks = ["0.0.0.0/0"]

  ingress_with_cidr_blocks = [
    {
      rule        = "ssh-tcp"
      cidr_blocks = "0.0.0.0/0"
    },
    {
      from_port   = 8080
      to_port     = 8090
      protocol    = "tcp"
      cidr_blocks = "0.0.0.0/0"
    },
  ]

  egress_rules       = ["all-all"]
  egress_cidr_blocks = ["0.0.0.0/0"]
  egress_with_cidr_blocks = [
    {
      rule        = "postgresql-tcp"
      cidr_blocks = "0.0.0.0/0"
    },
  ]
}

module "http_sg" {
  source              = "terraform-aws-modules/security-group/aws//modules/http-80"
  ingress_cidr_blocks = ["0.0.0.0/0"]
}

module "db_sg" {
  source              = "terraform-aws-modules/security-group/aws//modules/postgresql"
  ingress_cidr_blocks = ["10.20.0.0/16"]
}

# MySQL's firewall rules are not PostgreSQL's.
resource "azurerm_mysql_flexible_server_firewall_rule" "all" {
  name             = "all"
  server_name      = "mysql"
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}

module "sg_entries_own_blocks" {
  source              = "terraform-aws-modules/security-group/aws"
  ingress_cidr_blocks = ["0.0.0.0/0"]
  ingress_with_cidr_blocks = [
    { rule = "https-443-tcp" },
    { rule = "postgresql-tcp", cidr_blocks = "10.0.0.0/16" },
  ]
}
