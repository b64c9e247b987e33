resource "aws_db_instance" "main" {
  identifier          = "shop"
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  publicly_accessible = true # want "public-database@25"
}

resource "aws_db_instance" "replica" {
  replicate_source_db = aws_db_instance.main.identifier
  publicly_accessible = "true" # want "public-database@26"
}

resource "aws_rds_cluster_instance" "one" {
  cluster_identifier  = aws_rds_cluster.main.id
  engine              = aws_rds_cluster.main.engine
  publicly_accessible = true # want "public-database@25"
}

resource "aws_rds_cluster" "multi_az" {
  engine              = "postgres"
  publicly_accessible = true # want "public-database@25"
}

module "db" {
  source              = "terraform-aws-modules/rds/aws"
  engine              = var.engine
  publicly_accessible = true # want "public-database@25"
}

module "aurora" {
  source = "terraform-aws-modules/rds-aurora/aws"
  engine = "aurora-postgresql"
  instances = {
    one = {
      instance_class      = "db.r6g.large"
      publicly_accessible = true # want "public-database@29"
    }
  }
}

resource "azurerm_postgresql_flexible_server" "main" {
  name                          = "shop"
  version                       = "16"
  public_network_access_enabled = true # want "public-database@35"
}

resource "azurerm_postgresql_server" "legacy" {
  name                          = "legacy"
  public_network_access_enabled = true # want "public-database@35"
}
