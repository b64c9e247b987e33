resource "aws_security_group" "db" {
  name = "db"
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # want "broad-cidr@21"
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "pg" {
  type              = "ingress"
  from_port         = 5432
  to_port           = 5432
  protocol          = "tcp"
  cidr_blocks       = ["198.51.0.0/16"] # want "broad-cidr@25"
  security_group_id = aws_security_group.db.id
}

resource "aws_vpc_security_group_ingress_rule" "pg6" {
  security_group_id = aws_security_group.db.id
  cidr_ipv6         = "::/0" # want "broad-cidr@24"
  from_port         = 5432
  to_port           = 5432
  ip_protocol       = "tcp"
}

resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      authorized_networks {
        name  = "all"
        value = "0.0.0.0/0" # want "broad-cidr@18"
      }
    }
  }
}

# Every protocol and port, a range over PgBouncer's port, ports set
# elsewhere: all may reach the database.
resource "aws_security_group" "open" {
  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"] # want "broad-cidr@21"
  }
  ingress {
    from_port   = 6000
    to_port     = 7000
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # want "broad-cidr@21"
  }
  ingress {
    from_port   = var.db_port
    to_port     = var.db_port
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # want "broad-cidr@21"
  }
}
