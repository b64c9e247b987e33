resource "aws_db_instance" "main" {
  engine              = "postgres"
  publicly_accessible = false
}

resource "aws_db_instance" "var" {
  engine              = "postgres"
  publicly_accessible = var.public
}

resource "aws_db_instance" "mysql" {
  engine              = "mysql"
  publicly_accessible = true
}

resource "aws_rds_cluster" "aurora_mysql" {
  publicly_accessible = true
}

module "aurora_mysql" {
  source = "terraform-aws-modules/rds-aurora/aws"
  engine = "aurora-mysql"
  instances = {
    one = { publicly_accessible = true }
  }
}

# Another kind of service with the same input.
module "redshift" {
  source              = "terraform-aws-modules/redshift/aws"
  publicly_accessible = true
}

resource "aws_dms_replication_instance" "dms" {
  publicly_accessible = true
}

resource "azurerm_postgresql_flexible_server" "private" {
  public_network_access_enabled = false
  delegated_subnet_id           = azurerm_subnet.db.id
}

resource "azurerm_storage_account" "files" {
  public_network_access_enabled = true
}
