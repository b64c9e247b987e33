const pool = new Pool({ connectionString: "postgresql://app@db.example.com/app" });   // want "missing-sslmode@44"
