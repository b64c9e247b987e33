package disabled

// missing-sslmode is disabled and db.local is exempt in the test's settings.
const dsn = "postgres://app@db.example.com/app"

const local = "postgres://app@db.local/app?sslmode=disable"
