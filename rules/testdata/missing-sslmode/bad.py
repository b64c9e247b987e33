DSN = "postgres://%s@%s/app" % (user, host)   # want "missing-sslmode@8" msg: connection string to a host set at run time sets no sslmode; libpq and pgx default to "prefer", lib/pq to "require"; add sslmode=verify-full
conn = psycopg2.connect("host=db.example.com dbname=app")   # want "missing-sslmode@26"
