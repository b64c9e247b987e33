package connstring

const dsn = "postgres://app@db.example.com/app?sslmode=disable" // want `insecure-sslmode`
