# The shop's PostgreSQL on Amazon RDS.

resource "aws_db_parameter_group" "shop" {
  name   = "shop-postgres16"
  family = "postgres16"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  # Kept for an old reporting client that cannot do SCRAM.
  parameter {
    name  = "password_encryption"
    value = "md5"
  }

  parameter {
    name  = "log_connections"
    value = "0"
  }
}

resource "aws_db_instance" "shop" {
  identifier                          = "shop"
  engine                              = "postgres"
  engine_version                      = "16.4"
  instance_class                      = "db.t4g.medium"
  parameter_group_name                = aws_db_parameter_group.shop.name
  username                            = "shop_admin"
  manage_master_user_password         = true
  publicly_accessible                 = false
  iam_database_authentication_enabled = true
}

# A copy for the BI vendor, opened "temporarily".
resource "aws_db_instance" "bi_copy" {
  identifier                          = "shop-bi"
  replicate_source_db                 = aws_db_instance.shop.identifier
  instance_class                      = "db.t4g.medium"
  publicly_accessible                 = true
  iam_database_authentication_enabled = false
}

# The BI tool's own MySQL: not PostgreSQL, not reported.
resource "aws_db_instance" "bi_tool" {
  identifier          = "bi-tool"
  engine              = "mysql"
  instance_class      = "db.t4g.micro"
  publicly_accessible = true
}
