// Example: postgresql://app@db.example.com/app
const pool = new Pool({ connectionString: "postgresql://app@db.example.com/app?sslmode=verify-full" });
