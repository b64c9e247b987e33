resource "aws_security_group" "db" {
  ingress {
    cidr_blocks = ["0.0.0.0/0"
  }   # want "parse-error"
}
